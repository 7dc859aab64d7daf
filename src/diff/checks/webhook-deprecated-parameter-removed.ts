import { check } from './check.js';

export default check({
  id: 'webhook-deprecated-parameter-removed',
  level: 'info',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A parameter of a webhook or callback request marked `deprecated` is no longer sent: consumers were told to stop reading it.',
  message: 'is no longer sent (it was deprecated)',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the headers they answer with have their own checks.',
});
