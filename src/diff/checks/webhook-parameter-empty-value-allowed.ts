import { check } from './check.js';

export default check({
  id: 'webhook-parameter-empty-value-allowed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A query parameter of a webhook or callback request may now be sent empty (`allowEmptyValue` added): consumers that read a value meet `?name=`. The operation twin is `request-parameter-empty-value-disallowed`, turned around: here the provider sends and consumers read.',
  message: 'may now be sent with an empty value (allowEmptyValue added)',
  twinWaiver:
    '`allowEmptyValue` exists only on query parameters; consumers read those of webhooks and callbacks.',
  fix: 'keep sending a value in this version',
});
