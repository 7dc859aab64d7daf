import { check } from './check.js';

export default check({
  id: 'webhook-required-parameter-removed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A required parameter of a webhook or callback request (a header such as its signature, a query, path or cookie parameter) is no longer sent: consumers that read or verify it on every call break.',
  message: 'is no longer sent (it was required)',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the headers they answer with have their own checks.',
  fix: 'keep sending the parameter with every call of this version',
});
