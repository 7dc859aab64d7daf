import { check } from './check.js';

export default check({
  id: 'webhook-parameter-removed',
  level: 'warning',
  direction: 'response',
  specs: ['openapi'],
  description:
    'An optional parameter of a webhook or callback request is no longer sent: consumers that read it when present lose what it told them.',
  message: 'is no longer sent',
  twinWaiver:
    'Consumers read the parameters of the webhook and callback requests the provider sends; the headers they answer with have their own checks.',
  fix: 'keep sending the parameter until consumers have stopped reading it (mark it deprecated first)',
});
