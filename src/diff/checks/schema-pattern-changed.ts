import { schemaChecks } from './check.js';

export default schemaChecks(
  'pattern-changed',
  { request: 'warning', response: 'warning' },
  'the `pattern` changed (whether it narrows cannot be decided in general; a rewrite that says the same, `[0-9]` → `\\d`, is no change; a pattern that does not compile with the `u` flag, like `a\\-b`, is never decided: validators that compile with it reject the schema).',
  'changed pattern from `{from}` to `{to}`',
  {},
  {
    request: 'make the new pattern accept everything the old one did',
    response: 'make the new pattern admit only what the old one did',
  },
);
