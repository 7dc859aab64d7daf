import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-added',
  { request: 'info', response: 'info' },
  'an optional property was added.',
  'was added (optional)',
);
