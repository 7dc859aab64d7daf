import { schemaChecks } from './check.js';

export default schemaChecks(
  'additional-properties-opened',
  { request: 'info', response: 'error' },
  'unknown properties are now allowed where they were forbidden: readers that reject unknown properties (strict deserialisers, generated models) break.',
  'may now carry unknown properties ({keyword} opened)',
  {},
  { response: 'keep the object closed in this version; add new properties by name' },
);
