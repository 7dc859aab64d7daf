/**
 * AsyncAPI 3.0 operations: top-level `operations`, each naming its channel by `$ref`, with its
 * messages (its own list, else all its channel's) and the `reply` that answers them.
 */
import type { Json } from '../json.js';
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

/** What a 3.0 operation reads of the channels: as read, and as written (for their messages). */
interface ChannelsRead {
  raw: Json;
  read: ReadonlyMap<string, AsyncChannel>;
}

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
    ownMessages(op, value.messages) ?? channelMessages(channels.read.get(channelKey), channels.raw),
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
    address: channels.read.get(channelKey)?.address ?? channelKey,
    messages,
    ...(reply ? { reply } : {}),
    security: security && securityAt(security, security.value, reading.deref, ''),
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
  const channel = channelKey ? channels.read.get(channelKey) : undefined;
  const messages = readMessages(
    reading,
    ownMessages(r, value.messages) ?? channelMessages(channel, channels.raw),
  );
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
function channelMessages(channel: AsyncChannel | undefined, rawChannels: Json): MessageEntry[] {
  if (!channel) return [];
  // As written under `channels`: a channel that is itself a `$ref` lists none here.
  const raw = rawChannels[channel.key];
  const written = isRecord(raw) && isRecord(raw.messages) ? raw.messages : {};
  return Object.entries(written).map(([key, value]) => ({
    file: channel.file,
    pointer: appendPointer(channel.pointer, 'messages', key),
    value,
    key,
  }));
}
