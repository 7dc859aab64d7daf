import { check } from './check.js';

export default check({
  id: 'message-schema-format-changed',
  level: 'error',
  direction: 'both',
  specs: ['asyncapi'],
  description:
    "A message's `schemaFormat` moved to another schema language (JSON Schema to Avro, …): consumers decode and validate payloads with the old one.",
  message: 'changed its schema format from {from} to {to}',
  fix: 'publish the new schema format as a new message or channel and keep the former one',
});
