import { check } from './check.js';

export default check({
  id: 'server-base-path-changed',
  level: 'warning',
  direction: 'none',
  specs: ['openapi'],
  description:
    'No server offers a base path consumers used any more: every operation URL under it moved (unless a gateway keeps it).',
  message: 'is gone: no server offers the base path {from} any more (now {to})',
  fix: 'keep serving the former base path (or redirect it) until consumers have moved',
});
