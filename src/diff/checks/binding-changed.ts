import { check } from './check.js';

export default check({
  id: 'binding-changed',
  level: 'warning',
  direction: 'both',
  specs: ['asyncapi'],
  description:
    "A protocol binding changed (e.g. an AMQP exchange's type, a Kafka topic's partitions); a destination renamed is binding-destination-changed.",
  message: 'changed its {name} binding',
  fix: "check the binding change against each consumer's client configuration",
});
