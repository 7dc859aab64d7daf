import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-removed',
  { request: 'warning', response: 'warning' },
  'an optional property was removed.',
  'was removed',
);
