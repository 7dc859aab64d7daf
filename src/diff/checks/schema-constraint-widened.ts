import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-widened',
  { request: 'info', response: 'error' },
  'a constraint got looser (the same keywords as `constraint-narrowed`, or a removed `allOf` member).',
  'widened {keyword} ({detail})',
  {},
  { response: 'keep values within the former bound in this version' },
);
