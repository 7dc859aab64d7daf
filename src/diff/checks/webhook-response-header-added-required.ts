import { check } from './check.js';

export default check({
  id: 'webhook-response-header-added-required',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'The provider now requires a header in what consumers answer a webhook or callback with: their answers lack it.',
  message: 'was added as required',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
  audience: 'omitters',
  fix: 'accept answers without it (add it as optional), or require it only in a new version',
});
