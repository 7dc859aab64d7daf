import type { AddressVariable } from '../asyncapi/address-variables.js';
import { readAddressVariables } from '../asyncapi/address-variables.js';
import { appendPointer } from '../pointers.js';
import type { Place } from '../types.js';
import type { Located } from './model.js';
import { swaggerServers } from './swagger2.js';
import { isRecord } from '../json.js';

type Json = Record<string, unknown>;

/**
 * A server where it is written, with the URL as written (`https://{region}.api.example.com`) and its
 * variables: the values a consumer may configure, which the URL at their defaults does not show.
 */
export interface ServerPlace extends Place {
  template?: string;
  variables?: Map<string, AddressVariable>;
}

/** The document's servers: 3.x `servers`, 2.0 `host`, `basePath` and `schemes`. */
export function readDocumentServers(doc: Json, root: string, swagger2: boolean): Map<string, ServerPlace> {
  if (!swagger2) return readServers({ file: root, pointer: '', value: doc }) ?? new Map();
  const servers = new Map<string, ServerPlace>();
  swaggerServers(doc, root, servers);
  return servers;
}

/** `owner.servers` (the document's, a path item's or an operation's), by URL; absent when not given. */
export function readServers(owner: Located<Json>): Map<string, ServerPlace> | undefined {
  const list = owner.value.servers;
  if (!Array.isArray(list)) return undefined;
  const servers = new Map<string, ServerPlace>();
  list.forEach((s, i) => {
    if (!isRecord(s) || typeof s.url !== 'string') return;
    const place = { file: owner.file, pointer: appendPointer(owner.pointer, 'servers', i) };
    // Server variables are written inline (no `$ref` in OpenAPI): nothing to follow.
    const variables = readAddressVariables(place, s.variables, (node) => node);
    servers.set(serverUrl(s.url, s.variables), {
      ...place,
      ...(variables && variables.size > 0 ? { template: s.url, variables } : {}),
    });
  });
  return servers;
}

/** A server URL with its variables at their defaults (`https://{region}.api.example.com`). */
function serverUrl(url: string, variables: unknown): string {
  if (!isRecord(variables)) return url;
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables[name];
    return isRecord(v) && typeof v.default === 'string' ? v.default : whole;
  });
}

/** A server URL's parts: scheme and host lower-cased, the path without its trailing slashes. */
export function parseServer(url: string): { url: string; scheme: string; host: string; path: string } {
  // `s`: a URL with a line break in its path matches too (without it, the diff threw on one).
  const m = /^(?:([a-z][a-z0-9+.-]*):)?(?:\/\/([^/]*))?(.*)$/is.exec(url.trim())!;
  const path = (m[3] ?? '').replace(/\/+$/, '');
  return { url, scheme: (m[1] ?? '').toLowerCase(), host: (m[2] ?? '').toLowerCase(), path };
}

/**
 * The base path every server offers (`/api/v1`, or '' for the root), when they agree: what each
 * operation's URL starts with; '' without servers (OpenAPI's default server is `/`). Undefined
 * when they disagree.
 */
export function sharedBasePath(servers: ReadonlyMap<string, ServerPlace>): string | undefined {
  if (servers.size === 0) return '';
  let shared: string | undefined;
  for (const url of servers.keys()) {
    const path = parseServer(url).path;
    if (shared !== undefined && shared !== path) return undefined;
    shared = path;
  }
  return shared;
}
