import { code, tokenOr } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { namedField } from '../field-names.js';
import type { SchemaEnv } from '../schema/compare.js';
import { compareSchemas } from '../schema/compare.js';
import { withDialects } from '../schema/dialect-env.js';
import { appendPointer } from '../pointers.js';
import type { SchemaNode } from '../schema/view.js';
import { compareAvro, isAvro } from './avro.js';
import type { Place } from '../types.js';
import type { AsyncMessage } from './model.js';
import { compareBindings } from './bindings.js';
import { payloadDialect } from './payload-dialect.js';
import { isRecord } from '../json.js';
import { matchMessages } from './message-pairing.js';
import { foldHeaderCase } from './http-headers.js';
import { sharedPlaceSubject } from './shared-place.js';

/**
 * Messages of one operation on both sides: paired (by key, by the component both refer to, by
 * messageId/name, then — unnamed inline messages — by the payload fields they share) and compared:
 * payload, headers, content type, schema language, correlation id and bindings.
 */
export function compareMessages(
  env: SchemaEnv,
  b: ReadonlyMap<string, AsyncMessage>,
  h: ReadonlyMap<string, AsyncMessage>,
  role: 'request' | 'response',
  sink: ChangeSink,
  common: Common,
  /** `httpHeaders`: the messages travel over HTTP only, so header names ignore case (transport.ts). */
  owner: { base: Place; head: Place; httpHeaders?: boolean },
  what = '',
): void {
  const subject = (m: AsyncMessage) =>
    `${capitalised(messageLabel(m, what ? 'reply message' : 'message'))} ${role === 'request' ? 'sent to' : 'received from'} ${code(common.channel)}`;
  const { matched, removed, added } = matchMessages(env, b, h);
  for (const [bm, hm] of matched) compareMessage(env, bm, hm, role, sink, common, owner.httpHeaders === true);
  for (const bm of removed)
    sink.emit(`${role}-message-removed`, { ...common, subject: subject(bm), base: bm, head: owner.head });
  for (const hm of added)
    sink.emit(`${role}-message-added`, { ...common, subject: subject(hm), base: owner.base, head: hm });
}

type Common = { operation: string; channel: string; unstable?: string; reaches?: string };

function compareMessage(
  env: SchemaEnv,
  b: AsyncMessage,
  h: AsyncMessage,
  role: 'request' | 'response',
  sink: ChangeSink,
  common: Common,
  httpHeaders: boolean,
): void {
  const where = `${messageLabel(h, 'message')} on ${code(common.channel)}`;
  const subject = capitalised(where);
  const reached = { ...common, reaches: h.anonymous ? where : `${code(h.key)} on ${code(common.channel)}` };
  compareEncoding(b, h, sink, reached, subject);
  if (env.structural.samePlace(b, h) && env.structural.unchanged(b.file, b.pointer)) return;
  compareSchemaPart(env, { b, h, part: 'payload', label: 'Payload' }, role, sink, reached, where);
  compareSchemaPart(env, { b, h, part: 'headers', label: 'Header', httpHeaders }, role, sink, reached, where);
  compareBindings(env, b.bindings, h.bindings, sink, {
    ...reached,
    subject,
    base: b,
    head: h,
    message: { direction: role, where },
  });
}

/** How consumers decode the message: its content type, correlation id and schema language. */
function compareEncoding(
  b: AsyncMessage,
  h: AsyncMessage,
  sink: ChangeSink,
  common: Common,
  subject: string,
): void {
  // Inherited from the document's defaultContentType: an unchanged message can still change type.
  if (b.contentType !== h.contentType)
    sink.emit('message-content-type-changed', {
      ...common,
      subject,
      sharedSubject: () => sharedPlaceSubject(b.contentTypePlace),
      base: b.contentTypePlace ?? b,
      head: h.contentTypePlace ?? h,
      data: { from: tokenOr(b.contentType, 'unset'), to: tokenOr(h.contentType, 'unset') },
    });
  if (b.correlationId && b.correlationId.location !== h.correlationId?.location)
    sink.emit('correlation-id-changed', {
      ...common,
      subject,
      sharedSubject: () => sharedPlaceSubject(b.correlationId?.place),
      base: b.correlationId.place,
      head: h.correlationId?.place ?? h,
      data: { from: tokenOr(b.correlationId.location, 'unset'), to: tokenOr(h.correlationId?.location) },
    });
  if (schemaLanguage(b.schemaFormat) !== schemaLanguage(h.schemaFormat))
    sink.emit('message-schema-format-changed', {
      ...common,
      subject,
      base: b,
      head: h,
      data: { from: tokenOr(b.schemaFormat, 'the default'), to: tokenOr(h.schemaFormat, 'the default') },
    });
}

/** The payload's or the headers' schemas, as JSON Schema or — both sides Avro — by Avro's rules. */
function compareSchemaPart(
  env: SchemaEnv,
  {
    b,
    h,
    part,
    label,
    httpHeaders = false,
  }: { b: AsyncMessage; h: AsyncMessage; part: 'payload' | 'headers'; label: string; httpHeaders?: boolean },
  role: 'request' | 'response',
  sink: ChangeSink,
  common: Common,
  where: string,
): void {
  // Headers are an object (the specification requires it): a message without them says only that,
  // so headers given where there were none are compared with it, and the reverse.
  const none = (m: AsyncMessage) =>
    part === 'headers' && (b.headers || h.headers)
      ? { file: m.file, pointer: appendPointer(m.pointer, 'headers'), value: { type: 'object' } }
      : undefined;
  const bs = b[part] ?? none(b);
  const hs = h[part] ?? none(h);
  if (!bs || !hs) return;
  // A payload now written in another schema language is reported as such: its two schemas say
  // nothing about each other. Avro is judged by Avro's resolution rules.
  const avro = part === 'payload' && isAvro(b.schemaFormat) && isAvro(h.schemaFormat);
  const language = schemaLanguage(h.schemaFormat);
  if (part === 'payload' && !avro && schemaLanguage(b.schemaFormat) !== language) return;
  // Protobuf, RAML, XSD…: read as JSON Schema, a Protobuf text says nothing and a RAML type little,
  // so a breaking change would pass as none. A payload that changed is said to be unjudged instead.
  if (part === 'payload' && !avro && language !== 'json-schema') {
    if (!env.structural.sameNode(bs, hs))
      sink.emit('payload-not-compared', {
        ...common,
        subject: `Payload of ${where}`,
        base: { file: bs.file, pointer: bs.pointer },
        head: { file: hs.file, pointer: hs.pointer },
        data: { format: h.schemaFormat ?? language },
      });
    return;
  }
  const dialects = avro ? env : dialectEnv(env, b, h, part);
  const deltas = avro
    ? compareAvro(resolvedRef(env.base, bs), resolvedRef(env.head, hs), role)
    : compareSchemas(dialects, bs, hs, role);
  // HTTP header names ignore case: one spelt anew is the same header (http-headers.ts).
  const paired = part === 'headers' && httpHeaders ? foldHeaderCase(dialects, bs, hs, role, deltas) : deltas;
  sink.emitSchema(paired, role, {
    ...common,
    ...(avro ? { avro } : {}),
    sharedLabel: label,
    subject: (field) =>
      field
        ? `${namedField(field, label)} of ${where}`
        : `${part === 'payload' ? 'Payload' : 'Headers'} of ${where}`,
  });
}

/** The schemas read by the dialect each side's `schemaFormat` declares (payload-dialect.ts). */
function dialectEnv(
  env: SchemaEnv,
  b: AsyncMessage,
  h: AsyncMessage,
  part: 'payload' | 'headers',
): SchemaEnv {
  const format = (m: AsyncMessage) => (part === 'payload' ? m.schemaFormat : m.headersFormat);
  return withDialects(
    env,
    payloadDialect(format(b)) ?? env.base.dialect,
    payloadDialect(format(h)) ?? env.head.dialect,
  );
}

/** The Avro schema a payload `$ref` points at: compareAvro reads Avro, which has no `$ref`s of its own. */
function resolvedRef(scope: SchemaEnv['base'], n: SchemaNode): SchemaNode {
  return isRecord(n.value) && typeof n.value.$ref === 'string'
    ? (scope.resolve(n.file, n.value.$ref, n.pointer) ?? n)
    : n;
}

/**
 * How messages name a message: by its key (`messageId`, `name`, component or map key); one written
 * inline with nothing naming it by its title, else by its place among the operation's messages (its
 * key, `#2`, is only an index and reads like a name).
 */
function messageLabel(m: AsyncMessage, noun: string): string {
  if (!m.anonymous) return `${noun} ${code(m.key)}`;
  if (m.title !== undefined) return `${noun} ${JSON.stringify(m.title)}`;
  return m.position === undefined ? `the ${noun}` : `the ${ordinal(m.position)} ${noun}`;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a message's payload fields are: each name, and each name with its schema as written. */
/**
 * The language a payload schema is written in, versions and spellings aside: the AsyncAPI schema
 * (the default), JSON Schema and OpenAPI's schema object are one family; Avro, RAML, Protobuf and the
 * rest each their own. Consumers decode and validate with it.
 */
function schemaLanguage(format: string | undefined): string {
  if (format === undefined) return 'json-schema';
  const essence = format.split(';')[0]!.trim().toLowerCase();
  if (/^application\/(vnd\.aai\.asyncapi|schema|vnd\.oai\.openapi)(\+(json|yaml))?$/.test(essence))
    return 'json-schema';
  return essence.replace(/\+(json|yaml)$/, '');
}
