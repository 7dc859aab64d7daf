import { schemaChecks } from './check.js';

export default schemaChecks(
  'default-removed',
  { request: 'warning', response: 'info' },
  'the `default` was removed (the default of a value always given, a required or path parameter or a required property, reaches no one: not reported).',
  'no longer defaults to {from}',
  { request: 'omitters' },
  { request: 'keep applying the former default when the value is missing' },
);
