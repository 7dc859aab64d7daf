import { schemaChecks } from './check.js';

export default schemaChecks(
  'discriminator-changed',
  { request: 'error', response: 'error' },
  'the discriminator property (or a mapping target) changed.',
  'changed its discriminator {detail}',
  {},
  {
    request: 'keep the former discriminator property and values',
    response: 'keep the former discriminator property and values',
  },
);
