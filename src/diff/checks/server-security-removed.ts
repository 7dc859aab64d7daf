import { check } from './check.js';

export default check({
  id: 'server-security-removed',
  level: 'error',
  direction: 'none',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    'A server no longer asks for credentials: brokers negotiate authentication when a client connects, so clients set up for SASL or mutual TLS no longer match the listener.',
  message: 'no longer asks clients to authenticate; clients configured to authenticate no longer match it',
  fix: 'keep a listener that asks for the former credentials until clients are reconfigured',
});
