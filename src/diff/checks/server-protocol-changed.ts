import { check } from './check.js';

export default check({
  id: 'server-protocol-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: "A server's protocol (or protocol version) changed.",
  message: 'changed protocol from {from} to {to}',
  fix: 'keep a server with the former protocol until consumers have moved',
});
