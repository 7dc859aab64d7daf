/**
 * Reading an operation's messages (2.x `message`/`oneOf`, 3.0 `messages` of the operation, its reply
 * or its channel) into AsyncMessage: traits applied, content type and schema language resolved, keyed
 * by what names each message.
 */
import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import type { Located } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { SchemaNode } from '../schema/view.js';
import type { Place } from '../types.js';
import type { AsyncMessage } from './model.js';
import type { AsyncReading } from './reading.js';
import { refName } from './reading.js';
import type { Traited } from './traits.js';
import { bindingsOf, withTraits } from './traits.js';

/** A message as listed by its owner: the entry (maybe a `$ref`), where it is, and its map key if any. */
export interface MessageEntry extends Located<unknown> {
  /** The 3.0 channel's own key for it; absent in lists, where the message's content names it. */
  key?: string;
}

/** The entries of a list (2.x `oneOf`, 3.0 `messages` array), placed by index under `pointer`. */
export function listedMessages(owner: Place, pointer: string, list: unknown[]): MessageEntry[] {
  return list.map((value, i) => ({ file: owner.file, pointer: appendPointer(pointer, i), value }));
}

/**
 * The messages keyed (map key, messageId, component, name, else `#n`), in the order listed; numbered
 * by position when there are several, so that messages messages name can tell them apart.
 */
export function readMessages(reading: AsyncReading, entries: MessageEntry[]): Map<string, AsyncMessage> {
  const messages = new Map<string, AsyncMessage>();
  entries.forEach((entry, i) => {
    const key = entry.key ?? messageKey(entry.value, reading.deref(entry).value, i);
    messages.set(key, readMessage(reading, key, entry, entries.length > 1 ? i + 1 : undefined));
  });
  return messages;
}

function messageKey(raw: unknown, resolved: unknown, index: number): string {
  if (isRecord(resolved) && typeof resolved.messageId === 'string') return resolved.messageId;
  if (isRecord(raw) && typeof raw.$ref === 'string') return refName(raw.$ref);
  if (isRecord(resolved) && typeof resolved.name === 'string') return resolved.name;
  return `#${index + 1}`;
}

function readMessage(
  reading: AsyncReading,
  key: string,
  node: Located<unknown>,
  position?: number,
): AsyncMessage {
  const m = reading.deref(node);
  const value = isRecord(m.value) ? m.value : {};
  const names = (['messageId', 'name'] as const).flatMap((n) =>
    typeof value[n] === 'string' ? [value[n] as string] : [],
  );
  const traited = withTraits(m, reading.deref, reading.v2);
  const contentType = contentTypeOf(reading, traited);
  const payload = childOf(m, value, 'payload');
  // 3.0: a multi-format schema object, inline or reached by `$ref` (components.schemas holds them).
  const multiFormat = (node: SchemaNode | undefined) =>
    reading.v2 || !node ? undefined : multiFormatSchema(reading, node);
  const payloadFormat = multiFormat(payload);
  const headersFormat = multiFormat(traited.field('headers'));
  return {
    file: m.file,
    pointer: m.pointer,
    key,
    names,
    anonymous: names.length === 0 && /^#\d+$/.test(key),
    ...(typeof value.title === 'string' ? { title: value.title } : {}),
    ...(position !== undefined ? { position } : {}),
    content: value,
    payload: payloadFormat?.schema ?? payload,
    headers: reading.v2
      ? traited.schema('headers')
      : traited.schema('headers', (part) => multiFormatSchema(reading, part)?.schema ?? part),
    ...(typeof headersFormat?.schemaFormat === 'string' ? { headersFormat: headersFormat.schemaFormat } : {}),
    ...(contentType ? { contentType: contentType.value, contentTypePlace: contentType.place } : {}),
    ...schemaFormatOf({
      schemaFormat: reading.v2 ? traited.field('schemaFormat')?.value : payloadFormat?.schemaFormat,
    }),
    correlationId: correlationIdOf(reading, traited),
    bindings: bindingsOf(traited),
  };
}

function childOf(m: Place, value: Json, name: string): SchemaNode | undefined {
  return value[name] !== undefined
    ? { file: m.file, pointer: appendPointer(m.pointer, name), value: value[name] }
    : undefined;
}

/**
 * A 3.0 multi-format schema object ({ schemaFormat, schema }) holds its schema in `schema`: the
 * payload's or the headers', written in place or where a `$ref` leads (AsyncAPI 3.0's
 * `components.schemas` may hold them). Undefined for a schema object.
 */
function multiFormatSchema(
  reading: AsyncReading,
  node: SchemaNode,
): { schema: SchemaNode; schemaFormat: unknown } | undefined {
  const target = reading.deref(node);
  const v = target.value;
  if (!isRecord(v) || !('schemaFormat' in v) || !('schema' in v)) return undefined;
  return {
    schema: { file: target.file, pointer: appendPointer(target.pointer, 'schema'), value: v.schema },
    schemaFormat: v.schemaFormat,
  };
}

/** The message's own (or its traits') content type, else the document's default. */
function contentTypeOf(reading: AsyncReading, traited: Traited): { value: string; place: Place } | undefined {
  const own = traited.field('contentType');
  return typeof own?.value === 'string'
    ? { value: own.value, place: { file: own.file, pointer: own.pointer } }
    : reading.defaultContentType;
}

/** 2.x: the message's `schemaFormat`; 3.0: the multi-format payload's (absent: the default). */
function schemaFormatOf(holder: { schemaFormat?: unknown }): { schemaFormat?: string } {
  return typeof holder.schemaFormat === 'string' ? { schemaFormat: holder.schemaFormat } : {};
}

function correlationIdOf(reading: AsyncReading, traited: Traited): AsyncMessage['correlationId'] {
  const node = traited.field('correlationId');
  const cid = node ? reading.deref(node) : undefined;
  if (!cid) return undefined;
  const location =
    isRecord(cid.value) && typeof cid.value.location === 'string' ? cid.value.location : undefined;
  return { place: cid, location };
}
