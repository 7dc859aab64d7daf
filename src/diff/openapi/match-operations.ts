/**
 * Which base operation is which head operation: by path and method, by path template (a path
 * parameter renamed), by URL when the document's base path moved between the servers and the
 * paths, and by operationId when an operation moved to another path.
 */
import { isNewerVersionOf } from '../versioning.js';
import type { OpenApiView, OperationView } from './model.js';
import { sharedBasePath } from './servers.js';

export interface OperationPairs {
  matched: [OperationView, OperationView][];
  moved: [OperationView, OperationView][];
  removed: OperationView[];
  added: OperationView[];
  /**
   * The document's base path moved into or out of the paths (`/api/v1` + `/clips` is
   * `/` + `/api/v1/clips`) and every operation was found at its former URL: no URL moved.
   */
  urlsKept: boolean;
}

export function matchOperations(base: OpenApiView, head: OpenApiView): OperationPairs {
  const matched: [OperationView, OperationView][] = [];
  const headLeft = new Map(head.operations);
  const baseLeft: OperationView[] = [];
  for (const [key, b] of base.operations) {
    const h = headLeft.get(key);
    if (h) {
      matched.push([b, h]);
      headLeft.delete(key);
    } else baseLeft.push(b);
  }
  const keptKey = matched.filter(([b]) => !ownServers(b)).length;
  const byMatchKey = new Map<string, OperationView>();
  for (const h of headLeft.values()) byMatchKey.set(h.matchKey, h);
  const unmatched: OperationView[] = [];
  for (const b of baseLeft) {
    const h = byMatchKey.get(b.matchKey);
    if (h) {
      matched.push([b, h]);
      byMatchKey.delete(b.matchKey);
      headLeft.delete(h.key);
    } else unmatched.push(b);
  }
  const sameUrl = pairByUrl(base, head, unmatched, headLeft);
  for (const [b, h] of sameUrl) {
    matched.push([b, h]);
    headLeft.delete(h.key);
  }
  const pairedByUrl = new Set(sameUrl.map(([b]) => b));
  const removed = unmatched.filter((b) => !pairedByUrl.has(b));
  const moved = movedOperations(removed, headLeft);
  const movedOps = new Set(moved.flat());
  return {
    matched,
    moved,
    removed: removed.filter((b) => !movedOps.has(b)),
    added: [...headLeft.values()].filter((h) => !movedOps.has(h)),
    // Operations still under their former path moved with the base path: then URLs did move.
    urlsKept: sameUrl.length > 0 && keptKey === 0,
  };
}

/**
 * Operations left over whose URL is the same once the document's base path is put in front of
 * the path: a description that moves `/api/v1` from its paths into its server URL (or back)
 * moves no operation. Read only when every server of a side offers one base path, and only for
 * operations served by the document's servers.
 */
function pairByUrl(
  base: OpenApiView,
  head: OpenApiView,
  unmatched: readonly OperationView[],
  headLeft: ReadonlyMap<string, OperationView>,
): [OperationView, OperationView][] {
  if (unmatched.length === 0 || headLeft.size === 0) return [];
  const bPath = sharedBasePath(base.servers);
  const hPath = sharedBasePath(head.servers);
  if (bPath === undefined || hPath === undefined || bPath === hPath) return [];
  const urlKey = (prefix: string, op: OperationView) => `${op.matchKey.replace(' ', ` ${prefix}`)}`;
  const headByUrl = new Map<string, OperationView>();
  for (const h of headLeft.values()) if (!ownServers(h)) headByUrl.set(urlKey(hPath, h), h);
  const pairs: [OperationView, OperationView][] = [];
  for (const b of unmatched) {
    if (ownServers(b)) continue;
    const h = headByUrl.get(urlKey(bPath, b));
    if (!h) continue;
    pairs.push([b, h]);
    headByUrl.delete(urlKey(hPath, h));
  }
  return pairs;
}

/** Servers of its own or its path item's: its URL does not start with the document's base path. */
function ownServers(op: OperationView): boolean {
  return Array.isArray(op.value.servers) || Array.isArray(op.pathItem.value.servers);
}

/**
 * Removed and added operations that are one operation moved: the same operationId (what generated
 * clients call it), unique on both sides, on a base operation that was not deprecated (a deprecated
 * one was announced to go: its removal is judged by its lifecycle). A move to the same path under a
 * higher `/vN` is a new version of the operation, not the same one: left a removal and an addition,
 * as url-path versioning describes it.
 */
function movedOperations(
  removed: readonly OperationView[],
  added: ReadonlyMap<string, OperationView>,
): [OperationView, OperationView][] {
  const byId = (ops: Iterable<OperationView>) => {
    const out = new Map<string, OperationView[]>();
    for (const op of ops)
      if (op.operationId) out.set(op.operationId.value, [...(out.get(op.operationId.value) ?? []), op]);
    return out;
  };
  const headById = byId(added.values());
  const moved: [OperationView, OperationView][] = [];
  for (const [id, [b, ...others]] of byId(removed)) {
    const [h, ...more] = headById.get(id) ?? [];
    if (!b || !h || others.length > 0 || more.length > 0) continue;
    if (b.deprecated || isNewerVersionOf(b.key, h.key)) continue;
    moved.push([b, h]);
  }
  return moved;
}
