import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-added',
  { request: 'error', response: 'info' },
  'a `pattern` was added.',
  'now must match `{to}`',
  {},
  { request: 'keep accepting values the old schema allowed; enforce the pattern only in a new version' },
);
