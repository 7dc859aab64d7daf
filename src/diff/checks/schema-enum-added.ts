import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-added',
  { request: 'error', response: 'info' },
  'an `enum` (or `const`) now restricts a value that was free.',
  'is now restricted to {values}',
);
