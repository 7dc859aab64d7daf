import { schemaChecks } from './check.js';

export default schemaChecks(
  'default-removed',
  { request: 'warning', response: 'info' },
  'the `default` was removed.',
  'no longer defaults to {from}',
  { request: 'omitters' },
  { request: 'keep applying the former default when the value is missing' },
);
