import { schemaChecks } from './check.js';

export default schemaChecks(
  'format-added',
  { request: 'error', response: 'info' },
  'a `format` was added where there was none.',
  'now has format {to}',
  {},
  { request: 'keep accepting values without that format; validate it only in a new version' },
);
