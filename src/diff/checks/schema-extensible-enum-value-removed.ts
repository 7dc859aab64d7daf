import { schemaChecks } from './check.js';

export default schemaChecks(
  'extensible-enum-value-removed',
  { request: 'error', response: 'info' },
  'values were removed from an extensible enum (`x-extensible-enum`).',
  'no longer lists {values}',
  {},
  { request: 'keep accepting the value until consumers have stopped sending it' },
);
