import { check } from './check.js';

export default check({
  id: 'webhook-response-success-status-removed',
  level: 'warning',
  direction: 'request',
  specs: ['openapi'],
  // The mirror of response-success-status-added: here the provider reads the status. A provider that
  // handles only the documented 2xx codes takes another for a failed delivery (retries it, disables
  // the subscription); whether it does is its code's, which the document cannot show.
  description:
    'A success (2xx) status consumers answered a webhook or callback with is no longer listed (nor a range holding it): a provider that handles only the documented codes takes their answer for a failed delivery (retried, the subscription disabled).',
  message: 'is no longer listed',
  twinWaiver: 'Consumers answer webhooks and callbacks; the provider reads the answer.',
  fix: 'keep accepting the former status in this version (list it beside the new one, or list the 2XX range)',
});
