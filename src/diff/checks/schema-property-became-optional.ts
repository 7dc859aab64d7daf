import { schemaChecks } from './check.js';

export default schemaChecks(
  'property-became-optional',
  { request: 'info', response: 'error' },
  'a required property became optional.',
  'became optional',
);
