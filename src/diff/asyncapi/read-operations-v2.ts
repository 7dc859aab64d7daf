/**
 * AsyncAPI 2.x operations: a channel's `subscribe` (the application sends: consumers read, role
 * `response`) and `publish` (the application receives: consumers send, role `request`).
 */
import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import type { AsyncOperation } from './model.js';
import type { MessageEntry } from './read-messages.js';
import { listedMessages, readMessages } from './read-messages.js';
import { securityAt } from './read-security.js';
import type { AsyncReading } from './reading.js';
import { atRoot, stabilityOf } from './reading.js';
import { bindingsOf, withTraits } from './traits.js';

const VERBS = ['publish', 'subscribe'] as const;
type Verb = (typeof VERBS)[number];

/** Every channel's operations, channel by channel (publish before subscribe). */
export function readV2Operations(reading: AsyncReading, rawChannels: Json): AsyncOperation[] {
  return Object.entries(rawChannels).flatMap(([key, raw]) => {
    const ch = atRoot(reading, appendPointer('/channels', key), raw);
    const value = isRecord(ch.value) ? ch.value : {};
    return VERBS.flatMap((verb) =>
      isRecord(value[verb]) ? [readV2Operation(reading, ch, verb, value[verb], key)] : [],
    );
  });
}

function readV2Operation(
  reading: AsyncReading,
  channel: Place,
  verb: Verb,
  op: Json,
  channelKey: string,
): AsyncOperation {
  const opPlace = { file: channel.file, pointer: appendPointer(channel.pointer, verb) };
  const operationId = typeof op.operationId === 'string' ? op.operationId : undefined;
  return {
    ...opPlace,
    id: operationId ?? `${verb} ${channelKey}`,
    explicitId: operationId !== undefined,
    action: verb === 'subscribe' ? 'send' : 'receive',
    role: verb === 'subscribe' ? 'response' : 'request',
    channelKey,
    // A 2.x channel's key is its address.
    address: channelKey,
    messages: readMessages(reading, messageEntries(opPlace, op.message)),
    security: securityAt(opPlace, op.security, reading),
    bindings: bindingsOf(withTraits({ ...opPlace, value: op }, reading.deref, reading.v2)),
    ...stabilityOf(op, reading.extensions),
  };
}

/** `message`: one message, or several under `oneOf`. */
function messageEntries(opPlace: Place, message: unknown): MessageEntry[] {
  const pointer = appendPointer(opPlace.pointer, 'message');
  if (isRecord(message) && Array.isArray(message.oneOf))
    return listedMessages(opPlace, appendPointer(pointer, 'oneOf'), message.oneOf);
  return message !== undefined ? [{ file: opPlace.file, pointer, value: message }] : [];
}
