import { check } from './check.js';

export default check({
  id: 'server-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: 'An AsyncAPI server (a broker consumers connect to) was removed.',
  message: 'was removed{detail}',
  fix: 'keep the server (or an alias of it) available until consumers have moved',
});
