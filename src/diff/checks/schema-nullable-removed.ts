import { schemaChecks } from './check.js';

export default schemaChecks(
  'nullable-removed',
  { request: 'error', response: 'info' },
  'a value may no longer be `null`.',
  'may no longer be null',
  {},
  { request: 'keep accepting null (treat it as absent)' },
);
