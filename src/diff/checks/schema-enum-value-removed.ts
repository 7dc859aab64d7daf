import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-value-removed',
  { request: 'error', response: 'info' },
  'values were removed from an `enum` (or `const` changed).',
  'no longer allows {values}',
  {},
  {
    request:
      'keep accepting the values (mark them deprecated in the description) until consumers have stopped sending them',
  },
  {
    request:
      'keep the symbols until consumers have stopped sending them, or give the enum a `default` symbol the provider reads removed ones as',
  },
);
