import { schemaChecks } from './check.js';

export default schemaChecks(
  'format-removed',
  { request: 'info', response: 'error' },
  'the `format` was removed.',
  'no longer has format {from}',
  {},
  { response: 'keep guaranteeing the former format in this version' },
);
