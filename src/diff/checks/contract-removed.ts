import { check } from './check.js';

export default check({
  id: 'contract-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  description: 'The contract document was deleted.',
  message: 'was removed',
  fix: 'keep the contract until its consumers have moved',
});
