import { schemaChecks } from './check.js';

export default schemaChecks(
  'branch-added',
  { request: 'info', response: 'error' },
  'a `oneOf`/`anyOf` now admits values none of its former alternatives (or the former single schema) admitted.',
  'now also admits {values}',
  {},
  {
    response:
      'return the new alternative only in a new version or behind an opt-in, or have consumers ignore unknown alternatives before it ships',
  },
);
