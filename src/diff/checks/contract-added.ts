import { check } from './check.js';

export default check({
  id: 'contract-added',
  level: 'info',
  direction: 'none',
  description: 'The contract document is new.',
  message: 'was added',
});
