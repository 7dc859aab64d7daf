import { schemaChecks } from './check.js';
import { TYPES_HELD } from './types-held.js';

export default schemaChecks(
  'type-widened',
  { request: 'info', response: 'error' },
  'the set of allowed types grew (e.g. `integer` → `number`). ' + TYPES_HELD,
  'widened its type from {from} to {to}',
  {},
  { response: 'keep sending only the former types in this version' },
);
