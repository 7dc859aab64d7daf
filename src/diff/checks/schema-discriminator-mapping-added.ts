import { schemaChecks } from './check.js';

export default schemaChecks(
  'discriminator-mapping-added',
  { request: 'info', response: 'error' },
  'discriminator values were added.',
  'gained discriminator values {values}',
  {},
  {
    response:
      'send the new discriminator value only in a new version, or have consumers ignore unknown ones first',
  },
);
