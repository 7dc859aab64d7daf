import { schemaChecks } from './check.js';

export default schemaChecks(
  'required-property-added',
  { request: 'error', response: 'info' },
  'a required property was added.',
  'was added as required',
  { request: 'omitters' },
);
