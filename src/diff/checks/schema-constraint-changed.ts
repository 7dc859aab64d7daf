import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-changed',
  { request: 'error', response: 'error' },
  'a constraint changed to one neither wider nor narrower (`contentMediaType`, `contentEncoding`, an `if` condition, an unrelated `multipleOf`).',
  'changed {keyword} ({detail})',
);
