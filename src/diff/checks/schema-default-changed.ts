import { schemaChecks } from './check.js';

export default schemaChecks(
  'default-changed',
  { request: 'warning', response: 'info' },
  'the `default` changed: consumers that omit the value get different behaviour (the default of a value always given, a required or path parameter or a required property, reaches no one: not reported).',
  'changed its default from {from} to {to}',
  { request: 'omitters' },
  { request: 'keep the former default; consumers relying on the new value can send it explicitly' },
);
