import { schemaChecks } from './check.js';

export default schemaChecks(
  'discriminator-mapping-removed',
  { request: 'error', response: 'info' },
  'discriminator values were removed.',
  'lost discriminator values {values}',
  {},
  { request: 'keep accepting the former discriminator value until consumers have stopped sending it' },
);
