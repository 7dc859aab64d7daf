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
  // The formats by name: int16 → int32 is no 32-bit reader's problem, float → double no integer's.
  {
    response:
      'keep values within {from} in this version (a reader built for {from} cannot hold what {to} adds)',
  },
);
