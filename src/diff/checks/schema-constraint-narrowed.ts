import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-narrowed',
  { request: 'error', response: 'info' },
  'a numeric, length, size or uniqueness constraint got stricter.',
  'narrowed {keyword} from {from} to {to}',
);
