import { schemaChecks } from './check.js';

export default schemaChecks(
  'branch-removed',
  { request: 'error', response: 'info' },
  'a `oneOf`/`anyOf` branch was removed.',
  'lost the alternative {branch}',
);
