import { schemaChecks } from './check.js';
import { TYPES_HELD } from './types-held.js';

export default schemaChecks(
  'type-narrowed',
  { request: 'error', response: 'info' },
  'the set of allowed types shrank (e.g. `number` → `integer`). ' + TYPES_HELD,
  'narrowed its type from {from} to {to}',
  {},
  { request: 'keep accepting the former types; narrow them only in a new version' },
);
