import { schemaChecks } from './check.js';

export default schemaChecks(
  'default-added',
  { request: 'info', response: 'info' },
  'a `default` was added (not reported for a value always given, a required or path parameter or a required property).',
  'now defaults to {to}',
);
