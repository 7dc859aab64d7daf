import { schemaChecks } from './check.js';

export default schemaChecks(
  'nullable-added',
  { request: 'info', response: 'error' },
  'a value may now be `null` (`nullable: true` or `type: [..., "null"]`).',
  'may now be null',
);
