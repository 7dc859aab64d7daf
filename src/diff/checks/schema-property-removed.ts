import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-removed',
  { request: 'warning', response: 'warning' },
  'an optional property was removed.',
  'was removed',
  {},
  {
    response: 'keep sending it (mark it deprecated first) until consumers have stopped reading it',
    request: 'keep accepting it (and ignore it if unused) until consumers have stopped sending it',
  },
);
