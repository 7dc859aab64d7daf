import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-changed',
  { request: 'warning', response: 'warning' },
  'the `pattern` changed (whether it narrows cannot be decided in general).',
  'changed pattern from `{from}` to `{to}`',
);
