import { schemaChecks } from './check.js';

export default schemaChecks(
  'type-changed',
  { request: 'error', response: 'error' },
  'a type changed to an unrelated type (breaks both ways).',
  'changed type from {from} to {to}',
  {},
  {
    request: 'add a field with the new type beside the old one and deprecate the old one',
    response: 'add a field with the new type beside the old one and deprecate the old one',
  },
);
