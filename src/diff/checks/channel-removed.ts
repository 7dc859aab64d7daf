import { check } from './check.js';

export default check({
  id: 'channel-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: 'A channel was removed.',
  message: 'was removed',
  fix: 'keep publishing on the channel (or bridge it to its replacement) until consumers have moved',
});
