import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-value-added',
  { request: 'info', response: 'error' },
  'values were added to an `enum` (or `const` changed).',
  'allows new values {values}',
);
