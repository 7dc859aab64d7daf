import { check } from './check.js';

export default check({
  id: 'request-parameter-reserved-disallowed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A query parameter no longer allows reserved characters unencoded (`allowReserved` removed): a value sent as `?path=/a/b` must now be `?path=%2Fa%2Fb`. Allowing them breaks nobody.',
  message: 'no longer accepts reserved characters without percent-encoding (allowReserved removed)',
  twinWaiver: '`allowReserved` exists only on query parameters, which only requests carry.',
  fix: 'keep accepting reserved characters unencoded',
});
