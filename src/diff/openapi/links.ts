/**
 * A response's `links` (OpenAPI 3.x): which operation a client may call next with values taken from
 * this response (`operationId` or `operationRef`, `parameters`, `requestBody`, `server`). Clients
 * that follow a link call its target as the link says, so a link removed, leading elsewhere or
 * filling a parameter from another value breaks them even when every operation stays the same.
 */
import { code } from '../../core/inert-text.js';
import type { ChangeSink } from '../emit.js';
import { isRecord } from '../json.js';
import { appendPointer, segmentsOf } from '../pointers.js';
import type { Place } from '../types.js';
import type { Deref, Located, OpenApiView } from './model.js';
import type { Common } from './pair.js';

export interface LinkView extends Place {
  /** How the link names its target, as written (`getOrder`, `#/paths/~1orders~1{id}/get`). */
  written?: string;
  operationId?: string;
  /** The operation an `operationRef` points at, as `METHOD /path/{}` (path parameters unnamed). */
  refKey?: string;
  /** Each parameter's value (a runtime expression or a constant), as JSON. */
  parameters: Map<string, string>;
  requestBody?: string;
  /** `server.url` as written, and what of the server decides where the call goes (not its description). */
  server?: { url: string; key: string };
}

type Json = Record<string, unknown>;

/** `response.links` by name, refs followed; undefined when the response gives none. */
export function readLinks(response: Located<Json>, deref: Deref): Map<string, LinkView> | undefined {
  if (!isRecord(response.value.links)) return undefined;
  const out = new Map<string, LinkView>();
  for (const [name, raw] of Object.entries(response.value.links)) {
    const pointer = appendPointer(response.pointer, 'links', name);
    const link = deref({ file: response.file, pointer, value: raw });
    if (isRecord(link.value)) out.set(name, linkView(link, link.value));
  }
  return out;
}

function linkView(place: Place, v: Json): LinkView {
  const operationId = typeof v.operationId === 'string' ? v.operationId : undefined;
  const operationRef = typeof v.operationRef === 'string' ? v.operationRef : undefined;
  const refKey = refTarget(operationRef);
  const written = operationId ?? operationRef;
  const parameters = isRecord(v.parameters) ? v.parameters : {};
  return {
    file: place.file,
    pointer: place.pointer,
    ...(written !== undefined ? { written } : {}),
    ...(operationId !== undefined ? { operationId } : {}),
    ...(refKey !== undefined ? { refKey } : {}),
    parameters: new Map(Object.entries(parameters).map(([k, p]) => [k, JSON.stringify(p)])),
    ...(v.requestBody !== undefined ? { requestBody: JSON.stringify(v.requestBody) } : {}),
    ...(v.server !== undefined ? { server: serverOf(v.server) } : {}),
  };
}

/**
 * One change per link that clients can no longer follow as before: removed (error), leading to
 * another operation or filling a parameter, the body or the server otherwise (error), or no longer
 * filling a parameter it did (warning: clients still send it, the target may not want it). Links
 * added, and parameters a link fills newly, change nothing for clients built on the base.
 */
export function compareLinks(
  b: ReadonlyMap<string, LinkView> | undefined,
  h: ReadonlyMap<string, LinkView> | undefined,
  sink: ChangeSink,
  context: Common & { op: string; status: string; head: Place; targets: LinkTargets },
): void {
  if (!b) return;
  const { op, status, head, targets, ...common } = context;
  for (const [name, bl] of b) {
    const hl = h?.get(name);
    const subject = `Link ${code(name)} of ${code(op)} (${status})`;
    if (!hl) {
      // A link removed with the operation it led to is that removal (operation-removed), said once.
      if (!targetGone(bl, targets))
        sink.emit('response-link-removed', { ...common, subject, base: bl, head });
      continue;
    }
    const changed = linkChanges(bl, hl, targets);
    if (changed.length > 0)
      sink.emit('response-link-changed', {
        ...common,
        subject,
        base: bl,
        head: hl,
        data: { detail: changed.join('; ') },
      });
    for (const parameter of droppedParameters(bl, hl))
      sink.emit('response-link-parameter-removed', {
        ...common,
        subject,
        base: bl,
        head: hl,
        data: { name: parameter },
      });
  }
}

/**
 * The parameters a link no longer fills. One whose value now fills a parameter of another name
 * was renamed with its target's parameter (`id` → `orderId`, the operation the same): the link
 * still hands over the same value.
 */
function droppedParameters(b: LinkView, h: LinkView): string[] {
  const newValues = new Set([...h.parameters].filter(([k]) => !b.parameters.has(k)).map(([, v]) => v));
  return [...b.parameters].filter(([k, v]) => !h.parameters.has(k) && !newValues.has(v)).map(([k]) => k);
}

/** What a client following the link does differently: the clauses of `response-link-changed`. */
function linkChanges(b: LinkView, h: LinkView, targets: LinkTargets): string[] {
  const clauses: string[] = [];
  if (!sameTarget(b, h, targets))
    clauses.push(`leads to ${code(h.written ?? 'no operation')}, not ${code(b.written ?? 'none')}`);
  for (const [parameter, value] of b.parameters) {
    const now = h.parameters.get(parameter);
    if (now !== undefined && now !== value)
      clauses.push(`parameter ${code(parameter)} ${code(value)} → ${code(now)}`);
  }
  if (b.requestBody !== h.requestBody)
    clauses.push(`requestBody ${orNone(b.requestBody, 'none')} → ${orNone(h.requestBody, 'none')}`);
  if (b.server?.key !== h.server?.key)
    clauses.push(
      `server ${orNone(b.server?.url, "the operation's")} → ${orNone(h.server?.url, "the operation's")}`,
    );
  return clauses;
}

/** A link's server: its URL and variables decide where the call goes; its description does not. */
function serverOf(server: unknown): { url: string; key: string } {
  if (!isRecord(server) || typeof server.url !== 'string')
    return { url: JSON.stringify(server), key: JSON.stringify(server) };
  return { url: server.url, key: JSON.stringify([server.url, server.variables ?? null]) };
}

/** A value as code, or the words that say there is none. */
function orNone(value: string | undefined, none: string): string {
  return value === undefined ? none : code(value);
}

/**
 * The same operation: named by the same operationId, or found at the same method and path (an
 * operationId renamed with its operation, or written as an operationRef, leads where it did; the
 * rename is reported once, as the operation's). A target found on neither side is compared as
 * written.
 */
function sameTarget(b: LinkView, h: LinkView, targets: LinkTargets): boolean {
  if (b.operationId !== undefined && b.operationId === h.operationId) return true;
  const bKey = b.refKey ?? (b.operationId !== undefined ? targets.base(b.operationId) : undefined);
  const hKey = h.refKey ?? (h.operationId !== undefined ? targets.head(h.operationId) : undefined);
  if (bKey !== undefined || hKey !== undefined) return bKey === hKey;
  return b.written === h.written;
}

/** Is the operation a base link led to gone from the head (neither its method and path nor its operationId remain)? */
function targetGone(b: LinkView, targets: LinkTargets): boolean {
  const key = b.refKey ?? (b.operationId !== undefined ? targets.base(b.operationId) : undefined);
  if (key === undefined || targets.inHead(key)) return false;
  return b.operationId === undefined || targets.head(b.operationId) === undefined;
}

/** The operation (`METHOD /path/{}`) each side's operationIds name. */
export interface LinkTargets {
  base(operationId: string): string | undefined;
  head(operationId: string): string | undefined;
  /** Does the head have an operation at this `METHOD /path/{}`? */
  inHead(matchKey: string): boolean;
}

/** Built on first use: most descriptions have no links, and most links no changes. */
export function linkTargets(base: OpenApiView, head: OpenApiView): LinkTargets {
  const index = (view: OpenApiView) => {
    let byId: Map<string, string> | undefined;
    return (operationId: string) => {
      byId ??= new Map(
        [...view.operations.values()].flatMap((op) =>
          op.operationId ? [[op.operationId.value, op.matchKey] as const] : [],
        ),
      );
      return byId.get(operationId);
    };
  };
  let headKeys: Set<string> | undefined;
  const inHead = (matchKey: string) =>
    (headKeys ??= new Set([...head.operations.values()].map((op) => op.matchKey))).has(matchKey);
  return { base: index(base), head: index(head), inHead };
}

// model.ts's HTTP_METHODS, not imported: model.ts reads responses through this module.
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The operation an `operationRef` points at in a description (`[file]#/paths/~1orders/get`). */
function refTarget(ref: string | undefined): string | undefined {
  const hash = ref?.indexOf('#') ?? -1;
  if (ref === undefined || hash < 0) return undefined;
  const [root, path, method, ...rest] = segmentsOf(uriDecoded(ref.slice(hash + 1)));
  if (root !== 'paths' || path === undefined || method === undefined || rest.length > 0) return undefined;
  if (!METHODS.has(method)) return undefined;
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

/** A `$ref`-style fragment is URI-encoded (`{` as `%7B`); one that does not decode is taken as written. */
function uriDecoded(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
