import { check } from './check.js';

export default check({
  id: 'response-header-style-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    "A response header's serialisation (`style`/`explode`) changed for the array or object values both sides admit (a list or object only one side admits is the schema's change, not this one; under `style: simple` an array is `a,b,c` exploded or not, an object's `R,100` becomes `R=100`), or a move between `schema` and a `content` media type spells its value otherwise (JSON quotes a string).",
  message: 'changed serialisation from {from} to {to}',
  twinWaiver: 'Request headers are parameters: `request-parameter-style-changed` judges them.',
  fix: 'keep the former serialization in this version',
});
