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
  {
    // Avro resolves an unknown symbol to the reader's enum `default`: that is its extensible list.
    response:
      'send the new symbols only in a new version, or first give the enum a `default` symbol (Avro readers fall back to it for symbols they do not know) and add symbols once consumers read with that schema',
  },
);
