import { schemaChecks } from './check.js';

export default schemaChecks(
  'read-only-added',
  { request: 'error', response: 'info' },
  'a property became `readOnly`: what consumers send in it is ignored or rejected now.',
  {
    request: 'became read-only: it is no longer accepted from consumers',
    response: 'became read-only',
  },
  {},
  {
    request:
      'keep accepting the property in requests (and ignore it) until consumers have stopped sending it',
  },
);
