import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-value-added',
  { request: 'info', response: 'error' },
  'values were added to an `enum` (or `const` changed).',
  'allows new values {values}',
  {},
  {
    response:
      'send the new values only in a new version, or declare the list extensible (x-extensible-enum) once consumers handle values they do not know',
  },
);
