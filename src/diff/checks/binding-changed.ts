import { check } from './check.js';

export default check({
  id: 'binding-changed',
  level: 'warning',
  direction: 'both',
  specs: ['asyncapi'],
  description: 'A protocol binding changed (e.g. AMQP exchange, Kafka topic settings).',
  message: 'changed its {name} binding',
  fix: "check the binding change against each consumer's client configuration",
});
