import { schemaChecks } from './check.js';

export default schemaChecks(
  'required-property-added',
  { request: 'error', response: 'info' },
  'a required property was added.',
  'was added as required',
  { request: 'omitters' },
  {
    request:
      'add it as optional (the provider applies a default when it is missing), or require it only in a new version',
  },
);
