import { check } from './check.js';

export default check({
  id: 'server-host-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: "A server's host or URL changed.",
  message: 'changed host from {from} to {to}',
  fix: 'keep the former host (or an alias of it) available until consumers have moved',
});
