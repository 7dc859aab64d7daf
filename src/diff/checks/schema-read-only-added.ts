import { schemaChecks } from './check.js';

export default schemaChecks(
  'read-only-added',
  { request: 'warning', response: 'info' },
  'a property became `readOnly`: consumers may no longer send it.',
  {
    request: 'became read-only: it is no longer accepted from consumers',
    response: 'became read-only',
  },
);
