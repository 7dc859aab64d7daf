import { check } from './check.js';

export default check({
  id: 'request-parameter-empty-value-disallowed',
  level: 'error',
  direction: 'request',
  specs: ['openapi'],
  description:
    'A parameter no longer allows an empty value (`allowEmptyValue` removed): `?name=` is now rejected.',
  message: 'no longer accepts an empty value (allowEmptyValue removed)',
  twinWaiver: '`allowEmptyValue` exists only on (query) parameters, which only requests carry.',
  fix: 'keep accepting empty values',
});
