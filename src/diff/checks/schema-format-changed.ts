import { schemaChecks } from './check.js';

export default schemaChecks(
  'format-changed',
  { request: 'error', response: 'error' },
  'the `format` changed.',
  'changed format from {from} to {to}',
  {},
  {
    request: 'keep the former format; use a new field for the new one',
    response: 'keep the former format; use a new field for the new one',
  },
);
