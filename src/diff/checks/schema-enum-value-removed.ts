import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-value-removed',
  { request: 'error', response: 'info' },
  'values were removed from an `enum` (or `const` changed).',
  'no longer allows {values}',
);
