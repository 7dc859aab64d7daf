import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-changed',
  { request: 'error', response: 'error' },
  'a constraint changed to one neither wider nor narrower (`contentMediaType`, `contentEncoding`, an `if` condition, an unrelated `multipleOf`).',
  'changed {keyword} ({detail})',
  {},
  {
    request: 'keep the former constraint; change it only in a new version',
    response: 'keep the former constraint; change it only in a new version',
  },
);
