import { check } from './check.js';

export default check({
  id: 'kafka-message-key-changed',
  level: 'error',
  direction: 'both',
  specs: ['asyncapi'],
  description:
    'The Kafka message key (`bindings.kafka.key`) changed: partitioning, ordering and compaction change.',
  message: 'changed its Kafka key from {from} to {to}',
  fix: 'keep the former message key (partitioning and ordering depend on it)',
});
