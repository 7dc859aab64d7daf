import { check } from './check.js';

export default check({
  id: 'channel-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: 'A channel was removed.',
  message: 'was removed',
});
