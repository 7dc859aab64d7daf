import type { Extensions } from '../extensions.js';
import type { Json } from '../json.js';
import { isRecord } from '../json.js';
import { resolvedText } from '../resolved-text.js';
import type { ContractTree } from '../load.js';
import type { Located, SecurityRequirements } from '../openapi/model.js';
import { derefer } from '../openapi/model.js';
import { appendPointer } from '../pointers.js';
import type { SchemaNode } from '../schema/view.js';
import type { Place } from '../types.js';
import type { VersionFacts } from '../versioning.js';
import type { AddressVariable } from './address-variables.js';
import { readChannels } from './read-channels.js';
import { readV2Operations } from './read-operations-v2.js';
import { readV3Operations } from './read-operations-v3.js';
import { withSchemesInUse } from './read-security.js';
import type { SecurityUse } from './read-security.js';
import { readServers, withServerSecurity } from './read-servers.js';
import { withHttpTransport } from './transport.js';
import type { AsyncReading } from './reading.js';
import { atRoot } from './reading.js';

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
  /** 3.0 multi-format headers: the schema inside (as for the payload). */
  headers?: SchemaNode;
  /** 3.0: the `schemaFormat` of multi-format headers (absent: the AsyncAPI schema). */
  headersFormat?: string;
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
  security?: SecurityUse;
  /** The requirements of the first server its channel is on that has some (what applies without its own). */
  serverSecurity?: Located<SecurityRequirements>;
  bindings?: Located<Json>;
  /** Its messages travel over HTTP only: their header names ignore case (transport.ts). */
  httpOnly?: true;
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
  /**
   * 3.0: the messages the channel carries, as it resolves: a channel written as a `$ref` carries
   * those of the channel it names (its operations send or receive them).
   */
  messages?: Located<Json>;
}

export interface AsyncServer extends Place {
  name: string;
  host: string;
  protocol: string;
  variables?: Map<string, AddressVariable>;
  security?: SecurityUse;
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
  const reading = readingOf(tree, doc, extensions);
  const rawChannels = isRecord(doc.channels) ? doc.channels : {};
  const channels = readChannels(reading, rawChannels);
  const servers = readServers(reading, doc.servers);
  const operations = reading.v2
    ? readV2Operations(reading, rawChannels)
    : readV3Operations(reading, doc.operations, channels);
  const info = isRecord(doc.info) ? doc.info : {};
  return {
    version: tree.specVersion,
    channels,
    operations: withHttpTransport(
      withServerSecurity(operations, channels, servers),
      channels,
      servers,
      reading.deref,
    ),
    servers,
    securitySchemes: withSchemesInUse(readSecuritySchemes(reading, doc.components), [
      ...servers.values(),
      ...operations,
    ]),
    facts: {
      version: info.version !== undefined ? String(info.version) : undefined,
      elements: [...channels.values()].map((c) => c.address),
      servers: [...servers.values()].map((s) => s.host),
      mediaTypes: () => [],
    },
  };
}

function readingOf(tree: ContractTree, doc: Json, extensions: Extensions): AsyncReading {
  return {
    root: tree.root,
    deref: derefer(tree.scope),
    schemeComponentOf: schemeComponents(tree, doc),
    v2: tree.specVersion.startsWith('2.'),
    extensions,
    ...(typeof doc.defaultContentType === 'string'
      ? {
          defaultContentType: {
            value: doc.defaultContentType,
            place: { file: tree.root, pointer: '/defaultContentType' },
          },
        }
      : {}),
  };
}

/** The component a scheme reads exactly like, by its text with `$ref`s followed (read once, on demand). */
function schemeComponents(tree: ContractTree, doc: Json): AsyncReading['schemeComponentOf'] {
  let byText: Map<string, string> | undefined;
  return (scheme) => {
    if (!byText) {
      byText = new Map();
      const raw =
        isRecord(doc.components) && isRecord(doc.components.securitySchemes)
          ? doc.components.securitySchemes
          : {};
      for (const [name, value] of Object.entries(raw)) {
        const text = resolvedText(tree.scope, {
          file: tree.root,
          pointer: appendPointer('/components/securitySchemes', name),
          value,
        });
        if (!byText.has(text)) byText.set(text, name);
      }
    }
    return byText.get(resolvedText(tree.scope, scheme));
  };
}

/** `components.securitySchemes` by name: what the operations' and servers' requirements refer to. */
function readSecuritySchemes(reading: AsyncReading, components: unknown): Map<string, Located<Json>> {
  const raw = isRecord(components) && isRecord(components.securitySchemes) ? components.securitySchemes : {};
  const schemes = new Map<string, Located<Json>>();
  for (const [name, entry] of Object.entries(raw)) {
    const s = atRoot(reading, appendPointer('/components/securitySchemes', name), entry);
    if (isRecord(s.value)) schemes.set(name, { ...s, value: s.value });
  }
  return schemes;
}
