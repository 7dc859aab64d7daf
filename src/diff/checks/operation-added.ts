import { check } from './check.js';

export default check({
  id: 'operation-added',
  level: 'info',
  direction: 'none',
  description: 'An operation was added.',
  message: 'was added',
});
