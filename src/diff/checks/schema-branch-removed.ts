import { schemaChecks } from './check.js';

export default schemaChecks(
  'branch-removed',
  { request: 'error', response: 'info' },
  'a `oneOf`/`anyOf` no longer admits values a former alternative admitted (a branch removed, or a schema split into alternatives that do not cover it).',
  'no longer admits {values}',
  {},
  { request: 'keep accepting the former alternative until consumers have stopped sending it' },
);
