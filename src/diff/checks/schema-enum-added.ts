import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-added',
  { request: 'error', response: 'info' },
  'an `enum` (or `const`) now restricts a value that was free.',
  'is now restricted to {values}',
  {},
  { request: 'keep accepting any value; restrict it only in a new version' },
);
