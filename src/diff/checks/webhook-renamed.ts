import { check } from './check.js';

export default check({
  id: 'webhook-renamed',
  level: 'info',
  direction: 'none',
  specs: ['openapi'],
  description:
    "A webhook's key changed while its operation stayed (the same method, and the same operationId or the same operation as written), or a callback's name changed while its URL expression stayed: the key names it in the document only, so consumers receive the same calls. Its body is compared as the same webhook's.",
  message: 'was renamed to {to}',
});
