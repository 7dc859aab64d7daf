import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-became-required',
  { request: 'error', response: 'info' },
  'an optional property became required.',
  'became required',
  { request: 'omitters' },
);
