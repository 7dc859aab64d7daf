import { schemaChecks } from './check.js';
import { TYPES_HELD } from './types-held.js';

export default schemaChecks(
  'type-changed',
  { request: 'error', response: 'error' },
  'a type changed to an unrelated type (breaks both ways). ' + TYPES_HELD,
  'changed type from {from} to {to}',
  {},
  {
    request:
      'keep the old type where it is and carry the new one under a new name beside it (a new field, parameter or header, or a new message version), then deprecate the old one',
    response:
      'keep the old type where it is and carry the new one under a new name beside it (a new field, parameter or header, or a new message version), then deprecate the old one',
  },
);
