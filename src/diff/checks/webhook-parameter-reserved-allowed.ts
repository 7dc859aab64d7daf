import { check } from './check.js';

export default check({
  id: 'webhook-parameter-reserved-allowed',
  level: 'error',
  direction: 'response',
  specs: ['openapi'],
  description:
    'A query parameter of a webhook or callback request may now carry reserved characters unencoded (`allowReserved` added): consumers that decode `?path=%2Fa%2Fb` meet `?path=/a/b`, and a `&` or `#` in the value splits it. The operation twin is `request-parameter-reserved-disallowed`, turned around.',
  message: 'may now be sent with reserved characters unencoded (allowReserved added)',
  twinWaiver:
    '`allowReserved` exists only on query parameters; consumers read those of webhooks and callbacks.',
  fix: 'keep percent-encoding reserved characters in this version',
});
