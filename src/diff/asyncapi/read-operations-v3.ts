/**
 * AsyncAPI 3.0 operations: top-level `operations`, each naming its channel by `$ref`, with its
 * messages (its own list, else all its channel's) and the `reply` that answers them.
 */
import { isRecord } from '../json.js';
import type { Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { AsyncChannel, AsyncOperation } from './model.js';
import type { MessageEntry } from './read-messages.js';
import { listedMessages, readMessages } from './read-messages.js';
import { securityAt } from './read-security.js';
import type { AsyncReading } from './reading.js';
import { atRoot, refNameOf, stabilityOf } from './reading.js';
import { bindingsOf, withTraits } from './traits.js';

/** The document's channels by key, as read (each with the messages it carries). */
type ChannelsRead = ReadonlyMap<string, AsyncChannel>;

export function readV3Operations(
  reading: AsyncReading,
  operations: unknown,
  channels: ChannelsRead,
): AsyncOperation[] {
  return Object.entries(isRecord(operations) ? operations : {}).map(([id, raw]) =>
    readV3Operation(reading, id, atRoot(reading, appendPointer('/operations', id), raw), channels),
  );
}

function readV3Operation(
  reading: AsyncReading,
  id: string,
  op: Located<unknown>,
  channels: ChannelsRead,
): AsyncOperation {
  const value = isRecord(op.value) ? op.value : {};
  const channelKey = refNameOf(value.channel);
  const messages = readMessages(
    reading,
    ownMessages(op, value.messages) ?? channelMessages(channels.get(channelKey)),
  );
  const reply = value.reply !== undefined ? readReply(reading, op, value.reply, channels) : undefined;
  const action = value.action === 'send' ? 'send' : 'receive';
  const traited = withTraits({ ...op, value }, reading.deref, reading.v2);
  const security = traited.field('security');
  return {
    file: op.file,
    pointer: op.pointer,
    id,
    explicitId: true,
    action,
    role: action === 'send' ? 'response' : 'request',
    channelKey,
    address: channels.get(channelKey)?.address ?? channelKey,
    messages,
    ...(reply ? { reply } : {}),
    security: security && securityAt(security, security.value, reading, ''),
    bindings: bindingsOf(traited),
    ...stabilityOf(value, reading.extensions),
  };
}

/** The reply's messages, the channel they come on and where the requester says to send them. */
function readReply(
  reading: AsyncReading,
  op: Located<unknown>,
  raw: unknown,
  channels: ChannelsRead,
): NonNullable<AsyncOperation['reply']> {
  const r = reading.deref({ file: op.file, pointer: appendPointer(op.pointer, 'reply'), value: raw });
  const value = isRecord(r.value) ? r.value : {};
  const channelKey = refNameOf(value.channel);
  // No channel named: the reply goes to an address known only at run time (`reply.address`).
  const channel = channelKey ? channels.get(channelKey) : undefined;
  const messages = readMessages(reading, ownMessages(r, value.messages) ?? channelMessages(channel));
  const address = channelKey ? (channel?.address ?? channelKey) : undefined;
  const replyTo = replyToOf(reading, r, value.address);
  return {
    place: r,
    messages,
    ...(address ? { address } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

/** `reply.address.location`: where in the request the requester puts the address to reply to. */
function replyToOf(
  reading: AsyncReading,
  reply: Located<unknown>,
  raw: unknown,
): { place: Located<unknown>; location: string } | undefined {
  if (raw === undefined) return undefined;
  const place = reading.deref({
    file: reply.file,
    pointer: appendPointer(reply.pointer, 'address'),
    value: raw,
  });
  const location =
    isRecord(place.value) && typeof place.value.location === 'string' ? place.value.location : undefined;
  return location ? { place, location } : undefined;
}

/** The owner's own `messages` list, when it has one (it then narrows its channel's to those). */
function ownMessages(owner: Located<unknown>, list: unknown): MessageEntry[] | undefined {
  return Array.isArray(list)
    ? listedMessages(owner, appendPointer(owner.pointer, 'messages'), list)
    : undefined;
}

/** Every message the channel carries, keyed by the channel's own keys for them. */
function channelMessages(channel: AsyncChannel | undefined): MessageEntry[] {
  const messages = channel?.messages;
  if (!messages) return [];
  return Object.entries(messages.value).map(([key, value]) => ({
    file: messages.file,
    pointer: appendPointer(messages.pointer, key),
    value,
    key,
  }));
}
