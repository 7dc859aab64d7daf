/**
 * A schema delta's field path from the schema's root (property names, `[]` for items, `*` for map
 * values) as a persistent list: its first segment and the path below it, `AT_ROOT` for none. A
 * nested comparison's deltas are passed up one level at a time (`nest`), and a memoised
 * comparison's are shared by every parent that reaches it, so each level puts one cell in front of
 * the path it was given instead of copying it: on Microsoft Graph 1.1.3 → 1.3.17, 105,909 deltas
 * are nested, each copy of a path an array the memo then kept for the rest of the diff. Turned into
 * segments only where a message names the field.
 */
export type FieldPath = { readonly segment: string; readonly below: FieldPath } | null;

/** The schema itself: no field. */
export const AT_ROOT = null;

/** `segment`, then `below` under it. */
export function under(segment: string, below: FieldPath = AT_ROOT): FieldPath {
  return { segment, below };
}

/** The path of these segments, outermost first. */
export function fieldPathOf(segments: readonly string[]): FieldPath {
  let path: FieldPath = AT_ROOT;
  for (let i = segments.length - 1; i >= 0; i--) path = under(segments[i]!, path);
  return path;
}

/** The segments of a path, outermost first. */
export function pathSegments(path: FieldPath): string[] {
  const out: string[] = [];
  for (let at = path; at !== AT_ROOT; at = at.below) out.push(at.segment);
  return out;
}
