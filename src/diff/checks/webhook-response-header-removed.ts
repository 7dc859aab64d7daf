import { check } from './check.js';

export default check({
  id: 'webhook-response-header-removed',
  level: 'warning',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A header consumers answer a webhook or callback with is no longer listed: they still send it, and the provider no longer says it reads it (a `Retry-After` no longer honoured changes what their answer does).',
  message: 'is no longer read by the provider',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
  fix: 'keep reading the header (mark it deprecated first) until consumers have stopped sending it',
});
