/**
 * Broker technologies by the names AsyncAPI server protocols and Backstage resource types give them.
 */
import type { ComponentKind } from '../types.js';

/** Protocols that connect the two sides directly: their channels are not a topic or queue to design. */
export const DIRECT_PROTOCOLS = new Set(['ws', 'wss', 'http', 'https']);
/** Protocols whose channels are queues (one receiver per message) rather than topics. */
export const QUEUE_PROTOCOLS = new Set(['sqs', 'ibmmq', 'jms', 'anypointmq']);

const TECHNOLOGY: Record<string, string> = {
  kafka: 'Kafka',
  'kafka-secure': 'Kafka',
  amqp: 'AMQP',
  amqps: 'AMQP',
  amqp1: 'AMQP 1.0',
  mqtt: 'MQTT',
  'secure-mqtt': 'MQTT',
  mqtt5: 'MQTT 5',
  nats: 'NATS',
  jms: 'JMS',
  sns: 'Amazon SNS',
  sqs: 'Amazon SQS',
  googlepubsub: 'Google Cloud Pub/Sub',
  pulsar: 'Pulsar',
  solace: 'Solace',
  ibmmq: 'IBM MQ',
  redis: 'Redis',
  stomp: 'STOMP',
  stomps: 'STOMP',
};

/** The technology's name for an AsyncAPI protocol (`kafka` → Kafka); unknown ones as written. */
export function technologyOfProtocol(protocol: string): string {
  return TECHNOLOGY[protocol] ?? protocol;
}

/** A Backstage resource type's broker kind (`kafka-topic`, `sqs-queue`, `event-bus`), if it is one. */
export function brokerKind(resourceType: string): ComponentKind | undefined {
  if (/(^|-)queue$/.test(resourceType)) return 'broker-queue';
  if (/(^|-)event-?bus$/.test(resourceType)) return 'event-bus';
  if (/(^|-)(topic|stream|exchange)$/.test(resourceType)) return 'broker-topic';
  return undefined;
}

/** The technology a resource type names before its kind (`kafka-topic` → Kafka). */
export function technologyOfResource(resourceType: string): string | undefined {
  const prefix = resourceType.replace(/-?(topic|queue|stream|exchange|event-?bus)$/, '');
  return prefix === '' ? undefined : technologyOfProtocol(prefix);
}
