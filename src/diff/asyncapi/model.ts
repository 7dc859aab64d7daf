import type { Extensions } from '../extensions.js';
import { appendPointer } from '../pointers.js';
import type { ContractTree } from '../load.js';
import type { Located, SecurityRequirements } from '../openapi/model.js';
import type { Deref } from '../openapi/model.js';
import { derefer } from '../openapi/model.js';
import type { AddressVariable } from './address-variables.js';
import { readAddressVariables } from './address-variables.js';
import { bindingsOf, withTraits } from './traits.js';
import type { SchemaNode } from '../schema/view.js';
import type { Place } from '../types.js';
import type { VersionFacts } from '../versioning.js';

/**
 * An AsyncAPI 2.x or 3.0 document read into one shape, from the point of view of the contract's
 * consumers (the systems listed under the contract entry's `consumers`; the document describes the
 * provider application):
 *
 * - 2.x `subscribe`: "messages produced by the application and sent to the channel" → consumers
 *   read them (role `response`).
 * - 2.x `publish`: "messages consumed by the application from the channel" → consumers send them
 *   (role `request`).
 * - 3.0 `action: send`: the application sends → consumers read (`response`);
 *   `action: receive`: the application receives → consumers send (`request`).
 *
 * So `action` below is always the application's (3.0 words, 2.x mapped), and `role` the consumers'.
 */
type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface AsyncMessage extends Place {
  key: string;
  /**
   * What names the message on the wire and in code, whatever the document calls its entry: 2.x
   * `messageId`, then `name`. A 2.x `oneOf` keyed by component and a 3.0 channel keyed by its own
   * map keys still name the same messages by these.
   */
  names: string[];
  /**
   * Written inline with nothing naming it (keyed `#1`, `#2` by position): only its content says
   * which message it is. `content` is the message as written, for telling such messages apart.
   */
  anonymous: boolean;
  /** Its `title`: what names an anonymous message in messages, when it has one. */
  title?: string;
  /** Its place (from 1) among the operation's messages, when there are several. */
  position?: number;
  content: unknown;
  payload?: SchemaNode;
  headers?: SchemaNode;
  contentType?: string;
  /**
   * Where the content type is written (the message, a trait, the document's default): one change
   * there is one cause, whichever messages it reaches. Absent when nothing states it.
   */
  contentTypePlace?: Place;
  /** `schemaFormat`: the language the payload schema is written in (AsyncAPI/JSON Schema, Avro, …). */
  schemaFormat?: string;
  correlationId?: { place: Place; location?: string };
  bindings?: Located<Json>;
}

export interface AsyncOperation extends Place {
  id: string;
  /** The id is the author's (3.0 key, 2.x operationId), not generated. */
  explicitId: boolean;
  action: 'send' | 'receive';
  role: 'request' | 'response';
  channelKey: string;
  address: string;
  messages: Map<string, AsyncMessage>;
  /** AsyncAPI 3 `reply`: the messages that answer this operation's, flowing the other way. */
  reply?: {
    place: Place;
    messages: Map<string, AsyncMessage>;
    /** The reply channel's address; absent when the reply names no channel (a runtime address). */
    address?: string;
    /** Where the requester puts the address to reply to (`reply.address.location`), when it says. */
    replyTo?: { place: Place; location: string };
  };
  /** The operation's own requirements. */
  security?: Located<SecurityRequirements>;
  /** The requirements of the first server its channel is on that has some (what applies without its own). */
  serverSecurity?: Located<SecurityRequirements>;
  bindings?: Located<Json>;
  /** The stability extension's value on the operation. */
  stability?: string;
}

export interface AsyncChannel extends Place {
  key: string;
  address: string;
  /** The servers the channel is available on (names); absent: every server. */
  servers?: string[];
  parameters?: Map<string, AddressVariable>;
  bindings?: Located<Json>;
}

export interface AsyncServer extends Place {
  name: string;
  host: string;
  protocol: string;
  variables?: Map<string, AddressVariable>;
  security?: Located<SecurityRequirements>;
  bindings?: Located<Json>;
}

export interface AsyncApiView {
  version: string;
  channels: Map<string, AsyncChannel>;
  operations: AsyncOperation[];
  servers: Map<string, AsyncServer>;
  securitySchemes: Map<string, Located<Json>>;
  facts: VersionFacts;
}

export function readAsyncApi(tree: ContractTree, extensions: Extensions): AsyncApiView {
  const root = tree.documents.get(tree.root)!;
  const doc = isRecord(root.value) ? root.value : {};
  const deref = derefer(tree.scope);
  const at = (pointer: string, value: unknown) => deref({ file: tree.root, pointer, value });
  const v2 = tree.specVersion.startsWith('2.');
  const defaultContentType =
    typeof doc.defaultContentType === 'string'
      ? { value: doc.defaultContentType, place: { file: tree.root, pointer: '/defaultContentType' } }
      : undefined;
  const readMessage = (key: string, node: Located<unknown>, position?: number): AsyncMessage => {
    const m = deref(node);
    const value = isRecord(m.value) ? m.value : {};
    const child = (name: string): SchemaNode | undefined =>
      value[name] !== undefined
        ? { file: m.file, pointer: appendPointer(m.pointer, name), value: value[name] }
        : undefined;
    const names = (['messageId', 'name'] as const).flatMap((n) =>
      typeof value[n] === 'string' ? [value[n] as string] : [],
    );
    const traited = withTraits(m, deref, v2);
    const cidNode = traited.field('correlationId');
    const cid = cidNode ? deref(cidNode) : undefined;
    const ownType = traited.field('contentType');
    const contentType =
      typeof ownType?.value === 'string'
        ? { value: ownType.value, place: { file: ownType.file, pointer: ownType.pointer } }
        : defaultContentType;
    const schemaFormat = traited.field('schemaFormat')?.value;
    const payload = child('payload');
    // A 3.0 multi-format schema object: { schemaFormat, schema }.
    const payloadSchema =
      payload &&
      !v2 &&
      isRecord(payload.value) &&
      'schemaFormat' in payload.value &&
      'schema' in payload.value
        ? {
            file: payload.file,
            pointer: appendPointer(payload.pointer, 'schema'),
            value: payload.value.schema,
          }
        : payload;
    return {
      file: m.file,
      pointer: m.pointer,
      key,
      names,
      anonymous: names.length === 0 && /^#\d+$/.test(key),
      ...(typeof value.title === 'string' ? { title: value.title } : {}),
      ...(position !== undefined ? { position } : {}),
      content: value,
      payload: payloadSchema,
      headers: traited.schema('headers'),
      ...(contentType ? { contentType: contentType.value, contentTypePlace: contentType.place } : {}),
      ...schemaFormatOf(v2 ? { schemaFormat } : isRecord(payload?.value) ? payload.value : {}),
      correlationId: cid
        ? {
            place: cid,
            location:
              isRecord(cid.value) && typeof cid.value.location === 'string' ? cid.value.location : undefined,
          }
        : undefined,
      bindings: bindingsOf(traited),
    };
  };

  const channels = new Map<string, AsyncChannel>();
  const operations: AsyncOperation[] = [];
  const rawChannels = isRecord(doc.channels) ? doc.channels : {};
  for (const [key, raw] of Object.entries(rawChannels)) {
    const ch = at(appendPointer('/channels', key), raw);
    const value = isRecord(ch.value) ? ch.value : {};
    const address = v2 ? key : typeof value.address === 'string' ? value.address : key;
    const servers = serverNames(value.servers);
    const parameters = readAddressVariables(
      { file: ch.file, pointer: appendPointer(ch.pointer, 'parameters') },
      value.parameters,
      deref,
    );
    channels.set(key, {
      file: ch.file,
      pointer: ch.pointer,
      key,
      address,
      ...(servers ? { servers } : {}),
      ...(parameters ? { parameters } : {}),
      bindings: located(ch, 'bindings', value.bindings),
    });
    if (!v2) continue;
    for (const verb of ['publish', 'subscribe'] as const) {
      const op = value[verb];
      if (!isRecord(op)) continue;
      const opPlace = { file: ch.file, pointer: appendPointer(ch.pointer, verb) };
      const messages = new Map<string, AsyncMessage>();
      const list =
        isRecord(op.message) && Array.isArray(op.message.oneOf)
          ? op.message.oneOf.map((m, i) => ({
              m,
              pointer: appendPointer(opPlace.pointer, 'message', 'oneOf', i),
            }))
          : op.message !== undefined
            ? [{ m: op.message, pointer: appendPointer(opPlace.pointer, 'message') }]
            : [];
      list.forEach(({ m, pointer }, i) => {
        const key2 = messageKey(m, deref({ file: opPlace.file, pointer, value: m }).value, i);
        const position = list.length > 1 ? i + 1 : undefined;
        messages.set(key2, readMessage(key2, { file: opPlace.file, pointer, value: m }, position));
      });
      const opTraited = withTraits({ ...opPlace, value: op }, deref, v2);
      operations.push({
        ...opPlace,
        id: typeof op.operationId === 'string' ? op.operationId : `${verb} ${key}`,
        explicitId: typeof op.operationId === 'string',
        action: verb === 'subscribe' ? 'send' : 'receive',
        role: verb === 'subscribe' ? 'response' : 'request',
        channelKey: key,
        address,
        messages,
        security: securityAt(opPlace, op.security, deref),
        bindings: bindingsOf(opTraited),
        ...stabilityOf(op, extensions),
      });
    }
  }
  if (!v2) {
    for (const [id, raw] of Object.entries(isRecord(doc.operations) ? doc.operations : {})) {
      const op = at(appendPointer('/operations', id), raw);
      const value = isRecord(op.value) ? op.value : {};
      const channelRef =
        isRecord(value.channel) && typeof value.channel.$ref === 'string' ? value.channel.$ref : '';
      const channelKey = decodeURIComponent(channelRef.slice(channelRef.lastIndexOf('/') + 1));
      const channel = channels.get(channelKey);
      const messages = new Map<string, AsyncMessage>();
      const listed = (owner: Place, list: unknown[]) =>
        list.map((m, i) => ({
          m,
          pointer: appendPointer(owner.pointer, 'messages', i),
          file: owner.file,
          key: undefined as string | undefined,
        }));
      const ofChannel = (key: string, place: Place | undefined) => {
        const raw = isRecord(rawChannels[key]) ? (rawChannels[key] as Json) : {};
        return Object.entries(isRecord(raw.messages) ? raw.messages : {}).map(([k, m]) => ({
          m,
          key: k as string | undefined,
          pointer: appendPointer(place?.pointer ?? '/channels', 'messages', k),
          file: place?.file ?? tree.root,
        }));
      };
      const readAll = (refs: ReturnType<typeof ofChannel>, into: Map<string, AsyncMessage>) =>
        refs.forEach(({ m, pointer, file, key: mapKey }, i) => {
          const key = mapKey ?? messageKey(m, deref({ file, pointer, value: m }).value, i);
          into.set(key, readMessage(key, { file, pointer, value: m }, refs.length > 1 ? i + 1 : undefined));
        });
      readAll(
        Array.isArray(value.messages) ? listed(op, value.messages) : ofChannel(channelKey, channel),
        messages,
      );
      let reply: AsyncOperation['reply'];
      if (value.reply !== undefined) {
        const r = deref({ file: op.file, pointer: appendPointer(op.pointer, 'reply'), value: value.reply });
        const rv = isRecord(r.value) ? r.value : {};
        const replyRef = isRecord(rv.channel) && typeof rv.channel.$ref === 'string' ? rv.channel.$ref : '';
        const replyKey = decodeURIComponent(replyRef.slice(replyRef.lastIndexOf('/') + 1));
        const replyMessages = new Map<string, AsyncMessage>();
        readAll(
          Array.isArray(rv.messages)
            ? listed(r, rv.messages)
            : replyKey
              ? ofChannel(replyKey, channels.get(replyKey))
              : [],
          replyMessages,
        );
        const replyAddress = replyKey ? (channels.get(replyKey)?.address ?? replyKey) : undefined;
        const replyTo =
          rv.address !== undefined
            ? deref({ file: r.file, pointer: appendPointer(r.pointer, 'address'), value: rv.address })
            : undefined;
        const location =
          replyTo && isRecord(replyTo.value) && typeof replyTo.value.location === 'string'
            ? replyTo.value.location
            : undefined;
        reply = {
          place: r,
          messages: replyMessages,
          ...(replyAddress ? { address: replyAddress } : {}),
          ...(replyTo && location ? { replyTo: { place: replyTo, location } } : {}),
        };
      }
      const action = value.action === 'send' ? 'send' : 'receive';
      const opTraited = withTraits({ ...op, value }, deref, v2);
      const security = opTraited.field('security');
      operations.push({
        file: op.file,
        pointer: op.pointer,
        id,
        explicitId: true,
        action,
        role: action === 'send' ? 'response' : 'request',
        channelKey,
        address: channel?.address ?? channelKey,
        messages,
        ...(reply ? { reply } : {}),
        security: security && securityAt(security, security.value, deref, ''),
        bindings: bindingsOf(opTraited),
        ...stabilityOf(value, extensions),
      });
    }
  }

  const servers = new Map<string, AsyncServer>();
  for (const [name, raw] of Object.entries(isRecord(doc.servers) ? doc.servers : {})) {
    const s = at(appendPointer('/servers', name), raw);
    const value = isRecord(s.value) ? s.value : {};
    // 2.x `url` often starts with the scheme that 3.0 states only as `protocol`: the host is what follows.
    const host = v2
      ? String(value.url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      : `${value.host ?? ''}${value.pathname ?? ''}`;
    const protocol = `${value.protocol ?? ''}${value.protocolVersion ? ` ${value.protocolVersion}` : ''}`;
    const variables = readAddressVariables(
      { file: s.file, pointer: appendPointer(s.pointer, 'variables') },
      value.variables,
      deref,
    );
    servers.set(name, {
      file: s.file,
      pointer: s.pointer,
      name,
      host,
      protocol,
      ...(variables ? { variables } : {}),
      security: securityAt(s, value.security, deref),
      bindings: located(s, 'bindings', value.bindings),
    });
  }
  // Servers carry security too (all of 2.x before 2.4): an operation is under its channel's servers'.
  for (const op of operations) {
    const on = channels.get(op.channelKey)?.servers;
    const serverSecurity = [...servers.values()].find(
      (s) => s.security && (!on || on.includes(s.name)),
    )?.security;
    if (serverSecurity) op.serverSecurity = serverSecurity;
  }

  const schemes = new Map<string, Located<Json>>();
  const components = isRecord(doc.components) ? doc.components : {};
  for (const [name, raw] of Object.entries(
    isRecord(components.securitySchemes) ? components.securitySchemes : {},
  )) {
    const s = at(appendPointer('/components/securitySchemes', name), raw);
    if (isRecord(s.value)) schemes.set(name, { ...s, value: s.value });
  }
  const info = isRecord(doc.info) ? doc.info : {};
  return {
    version: tree.specVersion,
    channels,
    operations,
    servers,
    securitySchemes: schemes,
    facts: {
      version: info.version !== undefined ? String(info.version) : undefined,
      elements: [...channels.values()].map((c) => c.address),
      servers: [...servers.values()].map((s) => s.host),
      mediaTypes: () => [],
    },
  };
}

function stabilityOf(op: Json, extensions: Extensions): { stability?: string } {
  const level = extensions.stability ? op[extensions.stability] : undefined;
  return typeof level === 'string' ? { stability: level } : {};
}

/** A channel's `servers`: 2.x lists names, 3.0 lists `$ref`s to `#/servers/<name>`. */
function serverNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((s) => {
    if (typeof s === 'string') return [s];
    if (isRecord(s) && typeof s.$ref === 'string')
      return [decodeURIComponent(s.$ref.slice(s.$ref.lastIndexOf('/') + 1))];
    return [];
  });
}

/** 2.x: the message's `schemaFormat`; 3.0: the multi-format payload's (absent: the default). */
function schemaFormatOf(holder: Json): { schemaFormat?: string } {
  return typeof holder.schemaFormat === 'string' ? { schemaFormat: holder.schemaFormat } : {};
}

function located(owner: Place, key: string, value: unknown): Located<Json> | undefined {
  return isRecord(value)
    ? { file: owner.file, pointer: appendPointer(owner.pointer, key), value }
    : undefined;
}

function messageKey(raw: unknown, resolved: unknown, index: number): string {
  if (isRecord(resolved) && typeof resolved.messageId === 'string') return resolved.messageId;
  if (isRecord(raw) && typeof raw.$ref === 'string')
    return decodeURIComponent(raw.$ref.slice(raw.$ref.lastIndexOf('/') + 1));
  if (isRecord(resolved) && typeof resolved.name === 'string') return resolved.name;
  return `#${index + 1}`;
}

/**
 * AsyncAPI 3 security is a list of schemes (refs or inline), each listing the `scopes` a use of it
 * needs; 2.x a list of {name: scopes}. Both read as requirements: alternatives of {scheme: scopes}.
 */
function securityAt(
  owner: Place,
  value: unknown,
  deref: Deref,
  key = 'security',
): Located<SecurityRequirements> | undefined {
  if (!Array.isArray(value)) return undefined;
  const pointer = key ? appendPointer(owner.pointer, key) : owner.pointer;
  const scopesOf = (scheme: unknown) =>
    isRecord(scheme) && Array.isArray(scheme.scopes) ? scheme.scopes.map(String) : [];
  const requirements: SecurityRequirements = value.flatMap((r, i) => {
    if (!isRecord(r)) return [];
    if (typeof r.$ref === 'string') {
      const scheme = deref({ file: owner.file, pointer: appendPointer(pointer, i), value: r }).value;
      return [new Map([[r.$ref.slice(r.$ref.lastIndexOf('/') + 1), scopesOf(scheme)]])];
    }
    if (typeof r.type === 'string') return [new Map([[String(r.name ?? r.type), scopesOf(r)]])];
    return [
      new Map(Object.entries(r).map(([k, scopes]) => [k, Array.isArray(scopes) ? scopes.map(String) : []])),
    ];
  });
  return { file: owner.file, pointer, value: requirements };
}
