import { schemaChecks } from './check.js';

export default schemaChecks(
  'branch-added',
  { request: 'info', response: 'error' },
  'a `oneOf`/`anyOf` now admits values none of its former alternatives (or the former single schema) admitted.',
  'now also admits {values}',
);
