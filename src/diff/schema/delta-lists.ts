import { causeData, CauseKeys } from '../cause-keys.js';
import type { SchemaDelta, SchemaDeltaKind } from './compare.js';
import { AT_ROOT, under } from './field-path.js';

/**
 * Lists of schema deltas as comparisons pass them up: one per cause (counting the paths that reach
 * it), nested one field deeper, and without a required value's own default.
 */

/** How many field paths a delta stands for (see `SchemaDelta.reached`). */
export function pathsOf(delta: SchemaDelta): number {
  return delta.reached ?? 1;
}

/** Saturates well below 2^53: only "more than the operations it affects" is ever asked of it. */
const MAX_REACHED = 2 ** 40;

/**
 * One delta per cause, in first-found order: the first keeps its path (the one a message names) and
 * counts the paths of the others. What a change says is unchanged — the sink keys changes by cause
 * and names the first path — only the list stops growing with the number of paths. A delta is copied
 * only to count another path in it: it may be a memoised comparison's, which others read too.
 */
export function onePerCause(deltas: SchemaDelta[]): SchemaDelta[] {
  if (deltas.length < 2) return deltas;
  const first = new CauseKeys<number>();
  const out: SchemaDelta[] = [];
  const copies = new Set<SchemaDelta>();
  for (const d of deltas) {
    const data = causeData(d.data, d.written);
    const known = first.get(d.kind, d.base, d.head, data);
    if (known === undefined) {
      first.set(d.kind, d.base, d.head, data, out.length);
      out.push(d);
      continue;
    }
    let kept = out[known]!;
    if (!copies.has(kept)) copies.add((out[known] = kept = { ...kept }));
    kept.reached = Math.min(MAX_REACHED, pathsOf(kept) + pathsOf(d));
  }
  return out;
}

/**
 * The deltas of a nested schema, one segment deeper, copied into one literal shape: a spread cloned
 * each through V8's generic path (half of nest's ~0.25 s on Microsoft Graph 1.1.3 -> 1.3.17, 105k
 * deltas). `base`/`head` are set even when undefined: readers read values, never which keys exist.
 * The path is the nested one with the segment put in front, shared, not copied (field-path.ts).
 */
export function nest(out: SchemaDelta[], segment: string, deltas: readonly SchemaDelta[]): void {
  for (const d of deltas) {
    const deeper: SchemaDelta = {
      kind: d.kind,
      path: under(segment, d.path),
      base: d.base,
      head: d.head,
      data: d.data,
    };
    if (d.reached !== undefined) deeper.reached = d.reached;
    if (d.written !== undefined) deeper.written = d.written;
    out.push(deeper);
  }
}

const DEFAULT_KINDS: ReadonlySet<SchemaDeltaKind> = new Set([
  'default-added',
  'default-changed',
  'default-removed',
]);

/**
 * The deltas of a value that is always given on one side or the other (a required property or
 * parameter, a path parameter) without those of its own `default`: a default is the value assumed
 * when none is given, so it reaches no one there. Required on the base, every consumer gives it;
 * required on the head, that change is the one that breaks (oasdiff skips required parameters too).
 * Defaults inside it (an item's, a property's) are the nested values' own to judge.
 */
export function withoutOwnDefault(deltas: readonly SchemaDelta[]): SchemaDelta[] {
  return deltas.filter((d) => d.path !== AT_ROOT || !DEFAULT_KINDS.has(d.kind));
}
