import { check } from './check.js';

export default check({
  id: 'operation-action-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: "An operation's action flipped (`send` ↔ `receive`): the data now flows the other way.",
  message: 'changed its action from {from} to {to}',
  fix: 'add a new operation for the new direction and keep the former one',
});
