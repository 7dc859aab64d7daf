import { schemaChecks } from './check.js';

export default schemaChecks(
  'enum-removed',
  { request: 'info', response: 'error' },
  'an `enum` (or `const`) restriction was removed.',
  'is no longer restricted to {values}',
  {},
  { response: 'keep the values within the former list in this version' },
);
