/**
 * Whether an operation's messages travel over HTTP only: then their header names are HTTP field
 * names, which ignore case (RFC 9110 §5.1), so `X-Trace` written `x-trace` is the same header. Kafka,
 * AMQP, MQTT, NATS… headers (and WebSocket, whose frames carry none of their own) are matched by
 * their exact names: a consumer reading `X-Trace` from a Kafka record does not find `x-trace`.
 *
 * "Only" is what makes the pairing safe: a message a Kafka server also carries keeps its exact
 * names. What decides:
 * - the servers its channel is on (the channel's `servers`, else every server of the document):
 *   when there are any, every one has protocol `http` or `https`;
 * - with no servers to go by (a document that leaves deployment out), the bindings of its channel,
 *   its operation and its messages name `http` and no other protocol.
 */
import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import type { Deref, Located } from '../openapi/model.js';
import type { AsyncChannel, AsyncOperation, AsyncServer } from './model.js';

const HTTP = new Set(['http', 'https']);

export function withHttpTransport(
  operations: AsyncOperation[],
  channels: ReadonlyMap<string, AsyncChannel>,
  servers: ReadonlyMap<string, AsyncServer>,
  deref: Deref,
): AsyncOperation[] {
  return operations.map((op) => (httpOnly(op, channels, servers, deref) ? { ...op, httpOnly: true } : op));
}

function httpOnly(
  op: AsyncOperation,
  channels: ReadonlyMap<string, AsyncChannel>,
  servers: ReadonlyMap<string, AsyncServer>,
  deref: Deref,
): boolean {
  const channel = channels.get(op.channelKey);
  const on = [...servers.values()].filter((s) => !channel?.servers || channel.servers.includes(s.name));
  // `protocol` as read holds the version after a space (`http 1.1`).
  if (on.length > 0) return on.every((s) => HTTP.has(s.protocol.split(' ')[0]!.toLowerCase()));
  const protocols = new Set<string>();
  const messages = [...op.messages.values(), ...(op.reply?.messages.values() ?? [])];
  for (const bindings of [channel?.bindings, op.bindings, ...messages.map((m) => m.bindings)])
    for (const protocol of bindingProtocols(bindings, deref)) protocols.add(protocol.toLowerCase());
  return protocols.size > 0 && [...protocols].every((p) => HTTP.has(p));
}

/** The protocols a bindings object names (its keys), followed when it is a `$ref`. */
function bindingProtocols(bindings: Located<Json> | undefined, deref: Deref): string[] {
  if (!bindings) return [];
  const value = deref(bindings).value;
  return isRecord(value) ? Object.keys(value).filter((k) => k !== '$ref' && !k.startsWith('x-')) : [];
}
