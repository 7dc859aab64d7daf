import { schemaChecks } from './check.js';

export default schemaChecks(
  'additional-properties-closed',
  { request: 'error', response: 'info' },
  '`additionalProperties: false` (or `unevaluatedProperties: false`) now forbids unknown properties.',
  // A response does not accept anything: what it closes is what it may carry.
  {
    request: 'no longer accepts unknown properties ({keyword} closed)',
    response: 'no longer carries unknown properties ({keyword} closed)',
  },
  {},
  { request: 'keep accepting (and ignoring) unknown properties' },
);
