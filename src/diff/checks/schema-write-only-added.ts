import { schemaChecks } from './check.js';

export default schemaChecks(
  'write-only-added',
  { request: 'info', response: 'error' },
  'a property became `writeOnly`: it is no longer returned to consumers.',
  {
    request: 'became write-only',
    response: 'became write-only: it is no longer returned',
  },
  {},
  { response: 'keep returning the property in this version' },
);
