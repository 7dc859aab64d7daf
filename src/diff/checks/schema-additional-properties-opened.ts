import { schemaChecks } from './check.js';

export default schemaChecks(
  'additional-properties-opened',
  { request: 'info', response: 'warning' },
  'unknown properties are now allowed where they were forbidden.',
  'may now carry unknown properties (additionalProperties opened)',
);
