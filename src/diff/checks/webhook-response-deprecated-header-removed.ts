import { check } from './check.js';

export default check({
  id: 'webhook-response-deprecated-header-removed',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A header consumers answer a webhook or callback with, marked `deprecated`, is no longer listed: consumers were told to stop sending it.',
  message: 'is no longer read by the provider (it was deprecated)',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
});
