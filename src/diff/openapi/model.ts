import type { Extensions } from '../extensions.js';
import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import type { ContractTree } from '../load.js';
import type { Place } from '../types.js';
import type { OperationDetail, ParameterView } from './detail-views.js';
import type { DetailReading } from './operation-detail.js';
import { readDetail } from './operation-detail.js';
import { readParameters } from './read-parameters.js';
import type { ServerPlace } from './servers.js';
import { readDocumentServers, readServers } from './servers.js';
import type { WebhookView } from './read-webhooks.js';
import { readWebhooks } from './read-webhooks.js';
import { isRecord } from '../json.js';

/**
 * An OpenAPI document as the diff compares it: operations with their effective parameters (path
 * item + operation, refs followed), bodies, responses and security. Swagger 2.0 is read into the
 * same shape (body/formData parameters become the request body, `produces`/`consumes` the media
 * types), so one comparison serves 2.0, 3.0 and 3.1.
 */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

export interface Located<T> extends Place {
  value: T;
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
  /** The operation object as written (what sameness compares, without looking it up again). */
  value: Json;
  pathItem: Located<Json>;
  deprecated: boolean;
  /** The sunset extension's value, as written. */
  sunset?: string;
  /** The stability extension's value (draft, alpha, beta, stable, or something invalid). */
  stability?: string;
  /** Parameters, bodies, responses, security: read only for operations that changed (memoised). */
  detail(): OperationDetail;
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
    parameterViews: new Map(),
  };
  return {
    version: String(doc.openapi ?? doc.swagger),
    swagger2: reading.swagger2,
    operations: readOperations(reading),
    securitySchemes: readSecuritySchemes(reading),
    servers: readDocumentServers(doc, tree.root, reading.swagger2),
    webhooks: reading.swagger2 ? new Map() : readWebhooks(reading, tree.root),
  };
}

/** What reading every part of one document needs. */
interface Reading extends DetailReading {
  /** The root file: where `doc`'s pointers are. */
  root: string;
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
    const pathItem = new PathItemRead(r, path, { ...item, value: item.value }, rootSecurity);
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isRecord(op)) continue;
      const view = new OperationRead(pathItem, method, op);
      operations.set(view.key, view);
    }
  }
  return operations;
}

const UPPER_CASE: Readonly<Record<string, string>> = Object.fromEntries(
  HTTP_METHODS.map((m) => [m, m.toUpperCase()]),
);

/** What the operations of one path item share: where it is, its template, its parameters (read once). */
class PathItemRead {
  /** `/orders/{}`: a renamed path parameter is the same operation. */
  readonly template: string;
  private parametersRead?: ParameterView[];

  constructor(
    readonly reading: Reading,
    readonly path: string,
    readonly item: Located<Json>,
    readonly rootSecurity: Located<unknown> | undefined,
  ) {
    this.template = path.replace(/\{[^}]*\}/g, '{}');
  }

  /** Read by the first of the item's operations whose detail is asked for. */
  parameters(): ParameterView[] {
    return (this.parametersRead ??= readParameters(this.item, this.reading));
  }
}

/**
 * One operation as read. A class: the 1,108 operations of each side of GitHub's description share
 * one shape and one `detail`, where object literals with a spread and a closure each cost ~2 ms
 * of the ~8 ms of reading them.
 */
class OperationRead implements OperationView {
  readonly file: string;
  readonly pointer: string;
  readonly key: string;
  readonly matchKey: string;
  readonly method: string;
  readonly path: string;
  readonly operationId?: Place & { value: string };
  readonly value: Json;
  readonly pathItem: Located<Json>;
  readonly deprecated: boolean;
  readonly sunset?: string;
  readonly stability?: string;
  private detailRead?: OperationDetail;

  constructor(
    private readonly from: PathItemRead,
    method: string,
    op: Json,
  ) {
    const upper = UPPER_CASE[method]!;
    this.file = from.item.file;
    this.pointer = appendPointer(from.item.pointer, method);
    this.key = `${upper} ${from.path}`;
    this.matchKey = `${upper} ${from.template}`;
    this.method = upper;
    this.path = from.path;
    if (typeof op.operationId === 'string')
      this.operationId = {
        file: this.file,
        pointer: appendPointer(this.pointer, 'operationId'),
        value: op.operationId,
      };
    this.value = op;
    this.pathItem = from.item;
    this.deprecated = op.deprecated === true;
    const { sunset, stability } = from.reading.extensions;
    const sunsetValue = sunset ? op[sunset] : undefined;
    const stabilityValue = stability ? op[stability] : undefined;
    this.sunset = typeof sunsetValue === 'string' ? sunsetValue : undefined;
    this.stability = typeof stabilityValue === 'string' ? stabilityValue : undefined;
  }

  detail(): OperationDetail {
    if (this.detailRead) return this.detailRead;
    const r = this.from.reading;
    const opPlace = { file: this.file, pointer: this.pointer, value: this.value };
    const detail = readDetail(r, opPlace, () => this.from.parameters(), this.from.rootSecurity);
    const servers = r.swagger2 ? undefined : (readServers(opPlace) ?? readServers(this.pathItem));
    if (servers) detail.servers = servers;
    return (this.detailRead = detail);
  }
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

export type Deref = <T>(node: Located<T>) => Located<unknown>;

/** Follows `$ref` chains (bounded) to the object that holds the content. */
export function derefer(scope: RefScope): Deref {
  return (node) => {
    let current: Located<unknown> = node;
    for (let hops = 0; hops < 32; hops++) {
      const value = current.value;
      if (!isRecord(value) || typeof value.$ref !== 'string') return current;
      const resolved = scope.resolve(current.file, value.$ref, current.pointer);
      if (!resolved) return current;
      current = resolved;
    }
    return current;
  };
}
