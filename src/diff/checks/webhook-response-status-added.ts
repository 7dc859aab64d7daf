import { check } from './check.js';

export default check({
  id: 'webhook-response-status-added',
  level: 'info',
  direction: 'request',
  specs: ['openapi'],
  description:
    'The provider lists a new status consumers may answer a webhook or callback with: what it accepts back widened.',
  message: 'was added',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
});
