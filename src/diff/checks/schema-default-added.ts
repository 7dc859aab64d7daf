import { schemaChecks } from './check.js';

export default schemaChecks(
  'default-added',
  { request: 'info', response: 'info' },
  'a `default` was added.',
  'now defaults to {to}',
);
