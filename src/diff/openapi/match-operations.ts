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
   * Set when the document's base path moved into or out of the paths and every operation was found
   * below its former place: the path the head's servers are compared as, written as the base's
   * are. `/api/v1` + `/clips` became `/` + `/api/v1/clips`: `/api/v1`, the same, no URL moved.
   * `https://www.googleapis.com/blogger/v3` + `/blogs` became `https://blogger.googleapis.com` +
   * `/v3/blogs`: `/v3`, so the base path `/blogger/v3` is gone (one server change, not every
   * operation moved).
   */
  headServerPath?: string;
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
  const byUrl = pairByUrl(base, head, unmatched, headLeft, keptKey === 0);
  const sameUrl = byUrl?.pairs ?? [];
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
    ...(byUrl && sameUrl.length > 0 && keptKey === 0 ? { headServerPath: byUrl.headServerPath } : {}),
  };
}

/**
 * Operations left over whose URL is the same once the document's base path is put in front of
 * the path: a description that moves `/api/v1` from its paths into its server URL (or back)
 * moves no operation. Read only when every server of a side offers one base path, and only for
 * operations served by the document's servers.
 *
 * When no operation kept its path (`rootMoved`), the URLs may also be the same below a root that
 * moved: a leading part of each side's base path (its root) left out, the rest of the URL the same
 * (`/blogger/v3` + `/blogs` and `/` + `/v3/blogs`, roots `/blogger` and `/`, as Google's APIs moved
 * from `www.googleapis.com/<api>/<version>` to `<api>.googleapis.com` with the version in the
 * paths). The pair of roots that pairs the most operations is taken, URLs that are the same whole
 * first. Roots are parts of the servers' base paths only: what the paths write (a version among
 * them) must be the same below them, so `/sql/v1beta4` + `/flags` and `/` + `/v1/flags` stay a move.
 */
function pairByUrl(
  base: OpenApiView,
  head: OpenApiView,
  unmatched: readonly OperationView[],
  headLeft: ReadonlyMap<string, OperationView>,
  rootMoved: boolean,
): { pairs: [OperationView, OperationView][]; headServerPath: string } | undefined {
  if (unmatched.length === 0 || headLeft.size === 0) return undefined;
  const bPath = sharedBasePath(base.servers);
  const hPath = sharedBasePath(head.servers);
  if (bPath === undefined || hPath === undefined) return undefined;
  const bOps = unmatched.filter((b) => !ownServers(b));
  const hOps = [...headLeft.values()].filter((h) => !ownServers(h));
  const roots: [string, string][] = bPath === hPath ? [] : [['', '']];
  if (rootMoved)
    for (const bRoot of segmentPrefixes(bPath))
      for (const hRoot of segmentPrefixes(hPath)) if (bRoot !== hRoot) roots.push([bRoot, hRoot]);
  let best: { pairs: [OperationView, OperationView][]; headServerPath: string } | undefined;
  for (const [bRoot, hRoot] of roots) {
    const pairs = pairBelow(bOps, bPath.slice(bRoot.length), hOps, hPath.slice(hRoot.length));
    if (pairs.length > (best?.pairs.length ?? 0))
      best = { pairs, headServerPath: hRoot + bPath.slice(bRoot.length) };
  }
  return best;
}

/** `/a/b` → `''`, `/a`, `/a/b`: the leading parts of a path, segment by segment. */
function segmentPrefixes(path: string): string[] {
  const out = [''];
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i));
  if (path !== '') out.push(path);
  return out;
}

/** Operations of each side whose method and path, below its root (`bRest`/`hRest` in front), are the same. */
function pairBelow(
  bOps: readonly OperationView[],
  bRest: string,
  hOps: readonly OperationView[],
  hRest: string,
): [OperationView, OperationView][] {
  const urlKey = (rest: string, op: OperationView) => op.matchKey.replace(' ', ` ${rest}`);
  const headByUrl = new Map<string, OperationView>();
  for (const h of hOps) headByUrl.set(urlKey(hRest, h), h);
  const pairs: [OperationView, OperationView][] = [];
  for (const b of bOps) {
    const key = urlKey(bRest, b);
    const h = headByUrl.get(key);
    if (!h) continue;
    pairs.push([b, h]);
    headByUrl.delete(key);
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
