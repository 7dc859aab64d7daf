import { schemaChecks } from './check.js';

export default schemaChecks(
  'constraint-widened',
  { request: 'info', response: 'error' },
  'a numeric, length, size or uniqueness constraint got looser.',
  'widened {keyword} from {from} to {to}',
);
