import { check } from './check.js';

export default check({
  id: 'deprecated-operation-removed',
  level: 'info',
  direction: 'none',
  specs: ['openapi'],
  description: 'A deprecated operation was removed after its `x-sunset` date: the agreed end of life.',
  message: 'was removed after its sunset date {to}',
});
