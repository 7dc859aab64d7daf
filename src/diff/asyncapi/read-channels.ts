import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import { appendPointer } from '../pointers.js';
import { readAddressVariables } from './address-variables.js';
import type { AsyncChannel } from './model.js';
import type { AsyncReading } from './reading.js';
import { atRoot, located, under, refName } from './reading.js';

/** The document's channels by key: the address consumers use (2.x: the key itself), servers, parameters. */
export function readChannels(reading: AsyncReading, rawChannels: Json): Map<string, AsyncChannel> {
  const channels = new Map<string, AsyncChannel>();
  for (const [key, raw] of Object.entries(rawChannels)) channels.set(key, readChannel(reading, key, raw));
  return channels;
}

function readChannel(reading: AsyncReading, key: string, raw: unknown): AsyncChannel {
  const ch = atRoot(reading, appendPointer('/channels', key), raw);
  const value = isRecord(ch.value) ? ch.value : {};
  const address = reading.v2 ? key : typeof value.address === 'string' ? value.address : key;
  const servers = serverNames(value.servers);
  const parameters = readAddressVariables(under(ch, 'parameters'), value.parameters, reading.deref);
  return {
    file: ch.file,
    pointer: ch.pointer,
    key,
    address,
    ...(servers ? { servers } : {}),
    ...(parameters ? { parameters } : {}),
    bindings: located(ch, 'bindings', value.bindings),
    ...(reading.v2 ? {} : { messages: located(ch, 'messages', value.messages) }),
  };
}

/** A channel's `servers`: 2.x lists names, 3.0 lists `$ref`s to `#/servers/<name>`. */
function serverNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((s) => {
    if (typeof s === 'string') return [s];
    if (isRecord(s) && typeof s.$ref === 'string') return [refName(s.$ref)];
    return [];
  });
}
