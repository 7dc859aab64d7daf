import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-removed',
  { request: 'info', response: 'error' },
  'the `pattern` was removed.',
  'no longer has to match `{from}`',
  {},
  { response: 'keep guaranteeing the former pattern in this version' },
);
