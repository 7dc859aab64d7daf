import { schemaChecks } from './check.js';

export default schemaChecks(
  'required-property-removed',
  { request: 'warning', response: 'error' },
  'a required property was removed.',
  'was removed (it was required)',
  {},
  {
    response: 'keep sending it (mark it deprecated first) and remove it only in a new version',
    request: 'keep accepting it (and ignore it if unused) until consumers have stopped sending it',
  },
);
