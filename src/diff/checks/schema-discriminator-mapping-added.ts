import { schemaChecks } from './check.js';

export default schemaChecks(
  'discriminator-mapping-added',
  { request: 'info', response: 'error' },
  'discriminator values were added.',
  'gained discriminator values {values}',
);
