import { schemaChecks } from './check.js';

export default schemaChecks(
  'additional-properties-closed',
  { request: 'error', response: 'info' },
  '`additionalProperties: false` (or `unevaluatedProperties: false`) now forbids unknown properties.',
  'no longer accepts unknown properties ({keyword} closed)',
  {},
  { request: 'keep accepting (and ignoring) unknown properties' },
);
