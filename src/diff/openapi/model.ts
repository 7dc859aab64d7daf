import type { AddressVariable } from '../asyncapi/address-variables.js';
import { readAddressVariables } from '../asyncapi/address-variables.js';
import type { Extensions } from '../extensions.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import type { SchemaNode } from '../schema/view.js';
import type { ContractTree } from '../load.js';
import type { Place } from '../types.js';
import type { WebhookView } from './webhooks.js';
import { readWebhooks } from './webhooks.js';
import {
  swaggerBody,
  swaggerProduces,
  swaggerResponseContent,
  swaggerServers,
  swaggerStyle,
} from './swagger2.js';

/**
 * An OpenAPI document as the diff compares it: operations with their effective parameters (path
 * item + operation, refs followed), bodies, responses and security. Swagger 2.0 is read into the
 * same shape (body/formData parameters become the request body, `produces`/`consumes` the media
 * types), so one comparison serves 2.0, 3.0 and 3.1.
 */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Located<T> extends Place {
  value: T;
}

export interface ParameterView extends Place {
  name: string;
  in: string;
  required: boolean;
  style: string;
  explode: boolean;
  /** The serialisation as a 2.0 document writes it (`collectionFormat multi`), for messages. */
  written?: string;
  /**
   * Whether the value is an array or object (its schema type, or 2.0 `type`): only then does the
   * serialisation style change what goes on the wire.
   */
  structured: boolean;
  /** OpenAPI 3.0 `allowEmptyValue` (and 2.0's): `?name=` is accepted. */
  allowEmptyValue: boolean;
  /** 3.x `allowReserved` (query parameters): reserved characters may go unencoded. */
  allowReserved: boolean;
  schema?: SchemaNode;
  deprecated: boolean;
  sunset?: string;
}

export interface MediaView extends Place {
  schema?: SchemaNode;
  /** Its fields are described elsewhere (2.0 `formData` parameters): no schema is not "any body". */
  described?: 'elsewhere';
}

export interface BodyView extends Place {
  required: boolean;
  /**
   * Swagger 2.0 form fields: the body is required because a field is, and the fields are compared
   * one by one as parameters — a field's requiredness is theirs to report, not the body's too.
   */
  requiredByFields?: true;
  content: Map<string, MediaView>;
}

export interface HeaderView extends Place {
  /** The name as the document writes it (the map's key is lower-cased: header names ignore case). */
  name: string;
  required: boolean;
  /** `style`/`explode` as written (headers default to `simple`, not exploded). */
  style: string;
  explode: boolean;
  /** The serialisation as a 2.0 document writes it (`collectionFormat csv`), for messages. */
  written?: string;
  structured: boolean;
  schema?: SchemaNode;
}

export interface ResponseView extends Place {
  headers: Map<string, HeaderView>;
  content: Map<string, MediaView>;
}

/** Alternatives (OR) of scheme sets (AND), each scheme with its scopes. */
export type SecurityRequirements = Map<string, string[]>[];

export interface OperationView extends Place {
  /** `GET /orders/{id}` */
  key: string;
  /** `GET /orders/{}`: a renamed path parameter is the same operation. */
  matchKey: string;
  method: string;
  path: string;
  /** The author's `operationId`, and where it is written: generated clients name methods after it. */
  operationId?: Place & { value: string };
  pathItem: Place;
  deprecated: boolean;
  /** The sunset extension's value, as written. */
  sunset?: string;
  /** The stability extension's value (draft, alpha, beta, stable, or something invalid). */
  stability?: string;
  /** Parameters, bodies, responses, security: read only for operations that changed (memoised). */
  detail(): OperationDetail;
}

export interface OperationDetail {
  parameters: ParameterView[];
  requestBody?: BodyView;
  responses: Map<string, ResponseView>;
  security?: Located<SecurityRequirements>;
  /** The operation's own `servers`, else its path item's; absent: the document's apply. */
  servers?: Map<string, ServerPlace>;
}

export interface OpenApiView {
  version: string;
  swagger2: boolean;
  operations: Map<string, OperationView>;
  securitySchemes: Map<string, Located<Json>>;
  servers: Map<string, ServerPlace>;
  /** Webhooks and callbacks: requests the provider sends to consumers. */
  webhooks: Map<string, WebhookView>;
}

export function readOpenApi(tree: ContractTree, extensions: Extensions): OpenApiView {
  const root = tree.documents.get(tree.root)!;
  const doc = isRecord(root.value) ? root.value : {};
  const reading: Reading = {
    root: tree.root,
    doc,
    swagger2: typeof doc.swagger === 'string',
    deref: derefer(tree.scope),
    extensions,
  };
  return {
    version: String(doc.openapi ?? doc.swagger),
    swagger2: reading.swagger2,
    operations: readOperations(reading),
    securitySchemes: readSecuritySchemes(reading),
    servers: readDocumentServers(reading),
    webhooks: reading.swagger2 ? new Map() : readWebhooks(doc, tree.root, reading.deref),
  };
}

/** What reading every part of one document needs. */
interface Reading {
  /** The root file: where `doc`'s pointers are. */
  root: string;
  doc: Json;
  swagger2: boolean;
  deref: Deref;
  extensions: Extensions;
}

/** Every operation by `METHOD /path`; its detail (parameters, bodies, responses…) read when first asked. */
function readOperations(r: Reading): Map<string, OperationView> {
  const operations = new Map<string, OperationView>();
  const paths = isRecord(r.doc.paths) ? r.doc.paths : {};
  const rootSecurity = Array.isArray(r.doc.security)
    ? { file: r.root, pointer: '/security', value: r.doc.security }
    : undefined;
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = r.deref({ file: r.root, pointer: appendPointer('/paths', path), value: rawItem });
    if (!isRecord(item.value)) continue;
    const pathItem = { ...item, value: item.value };
    // Read once for all the item's operations, by the first whose detail is asked for.
    let pathParams: ParameterView[] | undefined;
    const paramsOfPath = () => (pathParams ??= readParameters(item, r.deref, r.swagger2, r.extensions));
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isRecord(op)) continue;
      const view = readOperation(r, { path, method, pathItem, op }, paramsOfPath, rootSecurity);
      operations.set(view.key, view);
    }
  }
  return operations;
}

function readOperation(
  r: Reading,
  { path, method, pathItem, op }: { path: string; method: string; pathItem: Located<Json>; op: Json },
  paramsOfPath: () => ParameterView[],
  rootSecurity: Located<unknown> | undefined,
): OperationView {
  const opPlace = { file: pathItem.file, pointer: appendPointer(pathItem.pointer, method), value: op };
  const key = `${method.toUpperCase()} ${path}`;
  const sunset = r.extensions.sunset ? op[r.extensions.sunset] : undefined;
  const stability = r.extensions.stability ? op[r.extensions.stability] : undefined;
  let detail: OperationDetail | undefined;
  return {
    file: opPlace.file,
    pointer: opPlace.pointer,
    key,
    matchKey: `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`,
    method: method.toUpperCase(),
    path,
    pathItem: { file: pathItem.file, pointer: pathItem.pointer },
    ...(typeof op.operationId === 'string'
      ? {
          operationId: {
            file: opPlace.file,
            pointer: appendPointer(opPlace.pointer, 'operationId'),
            value: op.operationId,
          },
        }
      : {}),
    deprecated: op.deprecated === true,
    sunset: typeof sunset === 'string' ? sunset : undefined,
    stability: typeof stability === 'string' ? stability : undefined,
    detail: () => {
      if (detail) return detail;
      detail = readDetail(r.doc, opPlace, paramsOfPath(), rootSecurity, r.deref, r.swagger2, r.extensions);
      const servers = r.swagger2 ? undefined : (readServers(opPlace) ?? readServers(pathItem));
      if (servers) detail.servers = servers;
      return detail;
    },
  };
}

/** 2.0 `securityDefinitions`, 3.x `components.securitySchemes`, by name. */
function readSecuritySchemes(r: Reading): Map<string, Located<Json>> {
  const schemes = new Map<string, Located<Json>>();
  const schemeRoot = r.swagger2 ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const schemeMap = r.swagger2
    ? r.doc.securityDefinitions
    : isRecord(r.doc.components)
      ? r.doc.components.securitySchemes
      : undefined;
  for (const [name, raw] of Object.entries(isRecord(schemeMap) ? schemeMap : {})) {
    const s = r.deref({ file: r.root, pointer: appendPointer('', ...schemeRoot, name), value: raw });
    if (isRecord(s.value)) schemes.set(name, { ...s, value: s.value });
  }
  return schemes;
}

/** The document's servers: 3.x `servers`, 2.0 `host`, `basePath` and `schemes`. */
function readDocumentServers(r: Reading): Map<string, ServerPlace> {
  if (!r.swagger2) return readServers({ file: r.root, pointer: '', value: r.doc }) ?? new Map();
  const servers = new Map<string, ServerPlace>();
  swaggerServers(r.doc, r.root, servers);
  return servers;
}

/**
 * A server where it is written, with the URL as written (`https://{region}.api.example.com`) and its
 * variables: the values a consumer may configure, which the URL at their defaults does not show.
 */
export interface ServerPlace extends Place {
  template?: string;
  variables?: Map<string, AddressVariable>;
}

/** `owner.servers` (the document's, a path item's or an operation's), by URL; absent when not given. */
function readServers(owner: Located<Json>): Map<string, ServerPlace> | undefined {
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

export type Deref = <T>(node: Located<T>) => Located<unknown>;

function readDetail(
  doc: Json,
  opPlace: Located<Json>,
  pathParams: ParameterView[],
  rootSecurity: Located<unknown> | undefined,
  deref: Deref,
  swagger2: boolean,
  extensions: Extensions,
): OperationDetail {
  const op = opPlace.value;
  const merged = new Map(pathParams.map((p) => [`${p.in} ${p.name}`, p]));
  for (const p of readParameters(opPlace, deref, swagger2, extensions)) merged.set(`${p.in} ${p.name}`, p);
  const security = Array.isArray(op.security)
    ? { file: opPlace.file, pointer: appendPointer(opPlace.pointer, 'security'), value: op.security }
    : rootSecurity;
  return {
    // 2.0 form fields stay parameters too: their request body has no schema to compare them in.
    parameters: [...merged.values()].filter((p) => !(swagger2 && p.in === 'body')),
    requestBody: swagger2 ? swaggerBody(doc, op, opPlace, [...merged.values()]) : readBody(opPlace, deref),
    responses: readResponses(doc, opPlace, deref, swagger2),
    security: security ? { ...security, value: readSecurity(security.value) } : undefined,
  };
}

/** Follows `$ref` chains (bounded) to the object that holds the content. */
export function derefer(scope: RefScope): Deref {
  return (node) => {
    let current: Located<unknown> = node;
    for (let hops = 0; hops < 32; hops++) {
      const value = current.value;
      if (!isRecord(value) || typeof value.$ref !== 'string') return current;
      const resolved = scope.resolve(current.file, value.$ref);
      if (!resolved) return current;
      current = resolved;
    }
    return current;
  };
}

/**
 * Header parameters OpenAPI 3.x says "SHALL be ignored": `Accept` and `Content-Type` follow from the
 * media types, `Authorization` from the security requirements (compared there). One added, removed
 * or changed changes nothing a consumer sends.
 */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function readParameters(
  owner: Located<unknown>,
  deref: Deref,
  swagger2: boolean,
  extensions: Extensions,
): ParameterView[] {
  const list = isRecord(owner.value) && Array.isArray(owner.value.parameters) ? owner.value.parameters : [];
  return list.flatMap((raw, i) => {
    const p = deref({ file: owner.file, pointer: appendPointer(owner.pointer, 'parameters', i), value: raw });
    if (!isRecord(p.value) || typeof p.value.name !== 'string' || typeof p.value.in !== 'string') return [];
    const v = p.value;
    const where = v.in as string;
    if (!swagger2 && where === 'header' && IGNORED_HEADERS.has((v.name as string).toLowerCase())) return [];
    const encoded = swagger2 ? undefined : contentEncoding(v);
    const serialisation: { style: string; explode: boolean; written?: string } = swagger2
      ? swaggerStyle(where, v.collectionFormat)
      : (encoded ?? openApiStyle(where, v));
    // 2.0 parameters carry their schema inline (type, format, enum…), except `in: body`.
    const schemaValue = swagger2 && where !== 'body' ? v : v.schema;
    const schemaPointer = swagger2 && where !== 'body' ? p.pointer : appendPointer(p.pointer, 'schema');
    const contentSchema = isRecord(v.content) ? firstContentSchema(p, v.content) : undefined;
    const sunset = extensions.sunset ? v[extensions.sunset] : undefined;
    return [
      {
        file: p.file,
        pointer: p.pointer,
        name: v.name as string,
        in: where,
        required: v.required === true || where === 'path',
        ...serialisation,
        structured: encoded !== undefined || structured(deref, p, schemaValue),
        allowEmptyValue: v.allowEmptyValue === true,
        allowReserved: where === 'query' && v.allowReserved === true,
        schema:
          schemaValue !== undefined
            ? { file: p.file, pointer: schemaPointer, value: schemaValue }
            : contentSchema,
        deprecated: v.deprecated === true,
        ...(typeof sunset === 'string' ? { sunset } : {}),
      },
    ];
  });
}

/**
 * A 3.x parameter or header given as `content` is its media type's encoding of the whole value
 * (`ids=[1,2]` as JSON, not `ids=1,2`): that media type stands for its style, so moving between
 * `schema` and `content`, or to another media type, is a change of serialisation for every value.
 */
function contentEncoding(v: Json): { style: string; explode: boolean } | undefined {
  if (!isRecord(v.content)) return undefined;
  const mediaType = Object.keys(v.content)[0];
  return mediaType === undefined ? undefined : { style: mediaType, explode: false };
}

/** 3.x `style`/`explode` with the defaults of the parameter's location. */
function openApiStyle(where: string, v: Json): { style: string; explode: boolean } {
  const style =
    typeof v.style === 'string' ? v.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  return { style, explode: typeof v.explode === 'boolean' ? v.explode : style === 'form' };
}

/** Is the schema an array or object (or of unknown type)? Primitives serialise alike in every style. */
function structured(deref: Deref, owner: Place, schema: unknown): boolean {
  if (schema === undefined) return true;
  const s = deref({ file: owner.file, pointer: owner.pointer, value: schema }).value;
  if (!isRecord(s)) return true;
  const types =
    typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
  if (!types) return !('enum' in s || 'const' in s || 'format' in s || 'pattern' in s);
  return types.some((t) => t === 'array' || t === 'object');
}

function firstContentSchema(p: Located<unknown>, content: Json): SchemaNode | undefined {
  for (const [mediaType, media] of Object.entries(content)) {
    if (isRecord(media) && media.schema !== undefined)
      return {
        file: p.file,
        pointer: appendPointer(p.pointer, 'content', mediaType, 'schema'),
        value: media.schema,
      };
  }
  return undefined;
}

function readContent(owner: Located<unknown>, content: unknown): Map<string, MediaView> {
  const out = new Map<string, MediaView>();
  for (const [mediaType, media] of Object.entries(isRecord(content) ? content : {})) {
    const pointer = appendPointer(owner.pointer, 'content', mediaType);
    out.set(mediaType, {
      file: owner.file,
      pointer,
      schema:
        isRecord(media) && media.schema !== undefined
          ? { file: owner.file, pointer: appendPointer(pointer, 'schema'), value: media.schema }
          : undefined,
    });
  }
  return out;
}

export function readBody(op: Located<Json>, deref: Deref): BodyView | undefined {
  if (op.value.requestBody === undefined) return undefined;
  const body = deref({
    file: op.file,
    pointer: appendPointer(op.pointer, 'requestBody'),
    value: op.value.requestBody,
  });
  if (!isRecord(body.value)) return undefined;
  return {
    file: body.file,
    pointer: body.pointer,
    required: body.value.required === true,
    content: readContent(body, body.value.content),
  };
}

function readResponses(
  doc: Json,
  op: Located<Json>,
  deref: Deref,
  swagger2: boolean,
): Map<string, ResponseView> {
  const out = new Map<string, ResponseView>();
  const responses = isRecord(op.value.responses) ? op.value.responses : {};
  const produces = swagger2 ? swaggerProduces(doc, op.value) : [];
  for (const [status, raw] of Object.entries(responses)) {
    const r = deref({ file: op.file, pointer: appendPointer(op.pointer, 'responses', status), value: raw });
    if (!isRecord(r.value)) continue;
    const headers = new Map<string, HeaderView>();
    for (const [name, rawHeader] of Object.entries(isRecord(r.value.headers) ? r.value.headers : {})) {
      const hdr = deref({
        file: r.file,
        pointer: appendPointer(r.pointer, 'headers', name),
        value: rawHeader,
      });
      if (!isRecord(hdr.value)) continue;
      const schemaValue = swagger2 ? hdr.value : hdr.value.schema;
      const encoded = swagger2 ? undefined : contentEncoding(hdr.value);
      const style = swagger2
        ? swaggerStyle('header', hdr.value.collectionFormat)
        : (encoded ?? {
            style: typeof hdr.value.style === 'string' ? hdr.value.style : 'simple',
            explode: hdr.value.explode === true,
          });
      headers.set(name.toLowerCase(), {
        name,
        file: hdr.file,
        pointer: hdr.pointer,
        required: hdr.value.required === true,
        ...style,
        structured: encoded !== undefined || structured(deref, hdr, schemaValue),
        schema:
          schemaValue !== undefined
            ? {
                file: hdr.file,
                pointer: swagger2 ? hdr.pointer : appendPointer(hdr.pointer, 'schema'),
                value: schemaValue,
              }
            : !swagger2 && isRecord(hdr.value.content)
              ? firstContentSchema(hdr, hdr.value.content)
              : undefined,
      });
    }
    const content = swagger2
      ? swaggerResponseContent(r, r.value.schema, produces)
      : readContent(r, r.value.content);
    out.set(status, { file: r.file, pointer: r.pointer, headers, content });
  }
  return out;
}

function readSecurity(list: unknown): SecurityRequirements {
  if (!Array.isArray(list)) return [];
  return list
    .filter(isRecord)
    .map(
      (requirement) =>
        new Map(
          Object.entries(requirement).map(([name, scopes]) => [
            name,
            Array.isArray(scopes) ? scopes.map(String) : [],
          ]),
        ),
    );
}
