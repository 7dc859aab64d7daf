import { check } from './check.js';

export default check({
  id: 'binding-changed',
  level: 'warning',
  direction: 'both',
  specs: ['asyncapi'],
  description:
    "A protocol binding changed (e.g. an AMQP exchange's type, a Kafka topic's partitions); a destination renamed is binding-destination-changed, and an HTTP message binding's `headers` are compared as a schema in the message's direction (as the message's own headers are), the binding said changed only for what else changed. A `$ref` inside a binding (a Kafka `groupId` schema) is followed: one whose target says the same, there or renamed, is no change, keys written beside it are ignored (AsyncAPI's Reference Object and a draft-07 schema ignore them), and a `bindingVersion` bump alone is none.",
  message: 'changed its {name} binding',
  fix: "check the binding change against each consumer's client configuration",
});
