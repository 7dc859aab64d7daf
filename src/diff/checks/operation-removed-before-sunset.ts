import { check } from './check.js';

export default check({
  id: 'operation-removed-before-sunset',
  level: 'error',
  direction: 'none',
  specs: ['openapi'],
  description: 'A deprecated operation was removed before its `x-sunset` date.',
  message: 'was removed before its sunset date {to}',
  fix: 'restore it until its x-sunset date has passed',
});
