import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-became-required',
  { request: 'error', response: 'info' },
  'an optional property became required.',
  'became required',
  { request: 'omitters' },
  {
    request:
      'make it optional again (the provider applies a default when it is missing), or require it only in a new version',
  },
);
