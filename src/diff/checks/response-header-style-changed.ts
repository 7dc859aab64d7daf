import { check } from './check.js';

export default check({
  id: 'response-header-style-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    "A response header's serialisation (`style`/`explode`) changed for the array or object values the provider now sends (what the head admits: a header that held a list and now holds one value is written as before), or a move between `schema` and a `content` media type spells its value otherwise (JSON quotes a string).",
  message: 'changed serialisation from {from} to {to}',
  twinWaiver: 'Request headers are parameters: `request-parameter-style-changed` judges them.',
  fix: 'keep the former serialization in this version',
});
