import { check } from './check.js';

export default check({
  id: 'webhook-response-header-style-changed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'The serialisation (`style`/`explode`, or a `content` media type) of a header consumers answer a webhook or callback with changed for the array or object values both sides admit (a header that now also takes a list still reads their single value; under `style: simple` an array is `a,b,c` exploded or not), or spells a single value otherwise (JSON quotes a string): the provider no longer parses what they send.',
  message: 'changed serialisation from {from} to {to}',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
  fix: 'keep accepting the former serialisation in this version',
});
