import { schemaChecks } from './check.js';

export default schemaChecks(
  'required-property-removed',
  { request: 'warning', response: 'error' },
  'a required property was removed.',
  'was removed (it was required)',
);
