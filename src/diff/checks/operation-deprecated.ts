import { check } from './check.js';

export default check({
  id: 'operation-deprecated',
  level: 'info',
  direction: 'none',
  description: 'An operation was marked deprecated.',
  message: 'is now deprecated',
});
