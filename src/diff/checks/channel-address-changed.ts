import { check } from './check.js';

export default check({
  id: 'channel-address-changed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description: "A channel's address changed (AsyncAPI 3 `address`).",
  message: 'changed its address from {from} to {to}',
  fix: 'keep the former address (or bridge it to the new one) until consumers have moved',
});
