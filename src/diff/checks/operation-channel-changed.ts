import { check } from './check.js';

export default check({
  id: 'operation-channel-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: 'An operation moved to another channel.',
  message: 'moved from channel {from} to {to}',
  fix: 'keep the operation on its former channel (or bridge the two) until consumers have moved',
});
