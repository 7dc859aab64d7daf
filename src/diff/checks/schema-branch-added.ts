import { schemaChecks } from './check.js';

export default schemaChecks(
  'branch-added',
  { request: 'info', response: 'error' },
  'a `oneOf`/`anyOf` branch was added (or a single schema became a choice).',
  'gained the alternative {branch}',
);
