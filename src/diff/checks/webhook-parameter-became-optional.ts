import { check } from './check.js';

export default check({
  id: 'webhook-parameter-became-optional',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A required parameter of a webhook or callback request became optional: consumers that read it on every call now meet calls without it.',
  message: 'became optional',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the headers they answer with have their own checks.',
  fix: 'keep sending the parameter with every call of this version',
});
