import { schemaChecks } from './check.js';

/**
 * A format that became a wider wire type (`int32` → `int64`, `float` → `double`): the head's
 * format restricts nothing (it is read as none), so this is `format-removed` in effect, at the same
 * levels, said as what the author did.
 */
export default schemaChecks(
  'format-widened',
  { request: 'info', response: 'error' },
  'the `format` became a wider one (`int32` → `int64`, `float` → `double`).',
  'widened its format from {from} to {to}',
  {},
  { response: 'keep values within the former format in this version (a 32-bit reader cannot hold the rest)' },
);
