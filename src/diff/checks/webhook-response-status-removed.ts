import { check } from './check.js';

export default check({
  id: 'webhook-response-status-removed',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A non-success status (or `default`) consumers answered a webhook or callback with is no longer listed: a failure answer is still one, though the provider no longer says what it does with it (a 410 that ended the subscription).',
  message: 'is no longer listed',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
});
