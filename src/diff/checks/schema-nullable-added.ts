import { schemaChecks } from './check.js';

export default schemaChecks(
  'nullable-added',
  { request: 'info', response: 'error' },
  'a value may now be `null` (`nullable: true` or `type: [..., "null"]`).',
  'may now be null',
  {},
  { response: 'keep it non-null in this version (leave the field out, or send a default, instead of null)' },
);
