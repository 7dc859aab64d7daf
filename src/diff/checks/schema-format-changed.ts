import { schemaChecks } from './check.js';

export default schemaChecks(
  'format-changed',
  { request: 'error', response: 'error' },
  'the `format` changed.',
  'changed format from {from} to {to}',
);
