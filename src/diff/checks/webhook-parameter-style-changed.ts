import { check } from './check.js';

export default check({
  id: 'webhook-parameter-style-changed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    "The serialisation (`style`/`explode`, or a `content` media type) of a parameter of a webhook or callback request changed for the array or object values both sides admit (a list the provider now also sends is the schema's change; under `style: simple` an array is `a,b,c` exploded or not), or spells a single value otherwise (JSON quotes a string): consumers parse it as before.",
  message: 'changed serialisation from {from} to {to}',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the headers they answer with have their own checks.',
  fix: 'keep the former serialisation in this version',
});
