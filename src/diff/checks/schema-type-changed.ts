import { schemaChecks } from './check.js';

export default schemaChecks(
  'type-changed',
  { request: 'error', response: 'error' },
  'a type changed to an unrelated type (breaks both ways).',
  'changed type from {from} to {to}',
);
