import { check } from './check.js';

export default check({
  id: 'operation-moved',
  level: 'error',
  direction: 'none',
  specs: ['openapi'],
  description:
    'An operation left its path or method while keeping its operationId (`GET /organizations/{org}/x` now `GET /orgs/{org}/x`): one report of the move instead of a removal and an addition, and its parameters, bodies and responses compared across it. Callers of the former URL still break. A move to the same path under a higher version segment (`/v2` → `/v3` or `/v2.1`, `/v1beta1` → `/v1`, its path parameters perhaps renamed) is a new version of the operation, reported as a removal (which url-path versioning consents to).',
  message: 'moved to {to} (same operationId {name})',
  fix: 'keep serving the former path and method (as a deprecated alias with an x-sunset date) until callers have moved',
});
