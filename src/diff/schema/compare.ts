import type { RefScope } from '../ref-scope.js';
import type { Sameness } from '../equality.js';
import type { Place } from '../types.js';
import type { SchemaNode, SchemaView } from './view.js';
import { resolveSchema, viewOf } from './view.js';
import { compareBounds, compareDiscriminator, compareScalars, compareTypes } from './keywords.js';

/**
 * The one JSON Schema compatibility core, for OpenAPI bodies, parameters and headers and AsyncAPI
 * payloads and headers alike. It says what changed in a schema as *deltas* (`enum-value-added`,
 * `required-property-removed`, …); whether a delta breaks depends on who produces the data, and the
 * checks `request-<kind>` / `response-<kind>` decide that. The direction is also needed here, for
 * one thing only: consumers never send `readOnly` properties and never receive `writeOnly` ones, so
 * those are left out of a request resp. response comparison.
 *
 * Comparisons are memoised per (direction, base node, head node): a component schema shared by 300
 * operations is compared once. A comparison that meets itself again (a recursive schema) answers
 * "no difference" for the inner occurrence — its differences are reported at the outer one.
 */
export const SCHEMA_DELTA_KINDS = [
  'type-changed',
  'type-widened',
  'type-narrowed',
  'nullable-added',
  'nullable-removed',
  'format-changed',
  'format-added',
  'format-removed',
  'pattern-changed',
  'pattern-added',
  'pattern-removed',
  'enum-value-added',
  'enum-value-removed',
  'enum-added',
  'enum-removed',
  'constraint-narrowed',
  'constraint-widened',
  'property-added',
  'required-property-added',
  'property-removed',
  'required-property-removed',
  'property-became-required',
  'property-became-optional',
  'additional-properties-closed',
  'additional-properties-opened',
  'branch-added',
  'branch-removed',
  'discriminator-changed',
  'discriminator-mapping-added',
  'discriminator-mapping-removed',
  'default-changed',
  'default-added',
  'default-removed',
  'read-only-added',
  'write-only-added',
] as const;

export type SchemaDeltaKind = (typeof SCHEMA_DELTA_KINDS)[number];

export type SchemaDirection = 'request' | 'response';

export interface SchemaDelta {
  kind: SchemaDeltaKind;
  /** Field path from the schema's root: property names, `[]` for items, `*` for map values. */
  path: readonly string[];
  base?: Place;
  head?: Place;
  data: Record<string, string>;
}

export interface SchemaEnv {
  base: RefScope;
  head: RefScope;
  structural: Sameness;
  onUnresolved(side: 'base' | 'head', place: Place, ref: string): void;
  onTooDeep(place: Place): void;
  /** Shared across all comparisons of one diff. */
  memo: Map<string, SchemaDelta[]>;
  /** Current nesting of compareSchemas calls: bounded, so hostile nesting cannot exhaust the stack. */
  depth: number;
}

/** Schemas nested deeper than this are not compared (reported as a problem). */
const MAX_SCHEMA_DEPTH = 64;

export function createSchemaEnv(
  base: RefScope,
  head: RefScope,
  structural: Sameness,
  onUnresolved: SchemaEnv['onUnresolved'],
  onTooDeep: SchemaEnv['onTooDeep'] = () => {},
): SchemaEnv {
  return { base, head, structural, onUnresolved, onTooDeep, memo: new Map(), depth: 0 };
}

const IN_PROGRESS: SchemaDelta[] = [];

export function compareSchemas(
  env: SchemaEnv,
  b: SchemaNode,
  h: SchemaNode,
  direction: SchemaDirection,
  options: { ignoreAlternatives?: boolean } = {},
): SchemaDelta[] {
  if (env.structural.sameNode(b, h)) return [];
  // Key by the referenced schema, so a recursive schema meets itself again and stops there.
  const bk = keyNode(env.base, b);
  const hk = keyNode(env.head, h);
  if (env.structural.sameNode(bk, hk)) return [];
  const key = `${direction}|${options.ignoreAlternatives ? 1 : 0}|${bk.file}#${bk.pointer}|${hk.file}#${hk.pointer}`;
  const known = env.memo.get(key);
  if (known) return known;
  if (env.depth >= MAX_SCHEMA_DEPTH) {
    env.onTooDeep(h);
    return [];
  }
  env.memo.set(key, IN_PROGRESS);
  env.depth++;
  try {
    const bv = viewOf(env.base, b, (place, ref) => env.onUnresolved('base', place, ref));
    const hv = viewOf(env.head, h, (place, ref) => env.onUnresolved('head', place, ref));
    const out: SchemaDelta[] = [];
    // An unresolved side is unknown, not `any`: nothing is said about it (its problem is reported).
    if (!bv.unresolved && !hv.unresolved)
      compareViews(env, bv, hv, direction, out, options.ignoreAlternatives === true);
    env.memo.set(key, out);
    return out;
  } finally {
    env.depth--;
  }
}

/** A bare `$ref` is keyed by its target; a `$ref` with siblings (3.1) by itself. */
function keyNode(scope: RefScope, node: SchemaNode): SchemaNode {
  const value = node.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || typeof value.$ref !== 'string') return node;
  let keys = 0;
  for (const _ in value) if (++keys > 1) return node;
  return resolveSchema(scope, node).node;
}

function compareViews(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  ignoreAlternatives: boolean,
): void {
  const at = (view: SchemaView, keyword: string): Place => view.origin.get(keyword) ?? view.place;
  const push = (kind: SchemaDeltaKind, keyword: string, data: Record<string, string> = {}): void => {
    out.push({ kind, path: [], base: at(b, keyword), head: at(h, keyword), data });
  };

  const bAlt = ignoreAlternatives ? undefined : b.alternatives;
  const hAlt = ignoreAlternatives ? undefined : h.alternatives;
  if ((bAlt === undefined) !== (hAlt === undefined)) {
    // `string` became `oneOf: [string, integer]` (or back): compare as alternatives only.
    compareAlternatives(env, b, h, direction, out);
    return;
  }

  compareTypes(b, h, push);
  compareScalars(b, h, push);
  compareBounds(b, h, push);
  compareObject(env, b, h, direction, out);
  if (b.items && h.items) nest(out, '[]', compareSchemas(env, b.items, h.items, direction));
  if (bAlt && hAlt) compareAlternatives(env, b, h, direction, out);
  compareDiscriminator(b, h, push);
}

function compareObject(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  // Consumers never send read-only properties and never receive write-only ones.
  const hidden = (p: { readOnly: boolean; writeOnly: boolean }) =>
    direction === 'request' ? p.readOnly : p.writeOnly;
  const propsAt = (view: SchemaView) => view.origin.get('properties') ?? view.place;
  for (const [name, bp] of b.properties) {
    const hp = h.properties.get(name);
    const place = (side: SchemaView, p?: { node: SchemaNode }) =>
      p ? { file: p.node.file, pointer: p.node.pointer } : propsAt(side);
    if (!hp) {
      if (hidden(bp)) continue;
      out.push({
        kind: b.required.has(name) ? 'required-property-removed' : 'property-removed',
        path: [name],
        base: place(b, bp),
        head: h.place,
        data: { closed: String(h.additional === 'closed') },
      });
      continue;
    }
    // Flagged on both sides; on the side that no longer sees the property, the comparison stops.
    for (const flag of ['readOnly', 'writeOnly'] as const) {
      if (!bp[flag] && hp[flag])
        out.push({
          kind: flag === 'readOnly' ? 'read-only-added' : 'write-only-added',
          path: [name],
          base: place(b, bp),
          head: place(h, hp),
          data: {},
        });
    }
    if (!hidden(bp) && hidden(hp)) continue;
    if (hidden(bp) && hidden(hp)) continue;
    const wasRequired = b.required.has(name) && !hidden(bp);
    const isRequired = h.required.has(name);
    if (wasRequired !== isRequired)
      out.push({
        kind: isRequired ? 'property-became-required' : 'property-became-optional',
        path: [name],
        base: place(b, bp),
        head: place(h, hp),
        data: {},
      });
    nest(out, name, compareSchemas(env, bp.node, hp.node, direction));
  }
  for (const [name, hp] of h.properties) {
    if (b.properties.has(name) || hidden(hp)) continue;
    out.push({
      kind: h.required.has(name) ? 'required-property-added' : 'property-added',
      path: [name],
      base: b.place,
      head: { file: hp.node.file, pointer: hp.node.pointer },
      data: { closed: String(b.additional === 'closed') },
    });
  }
  const ba = b.additional;
  const ha = h.additional;
  const at = (v: SchemaView) => v.origin.get('additionalProperties') ?? v.place;
  if (ba === 'closed' && ha !== 'closed')
    out.push({ kind: 'additional-properties-opened', path: [], base: at(b), head: at(h), data: {} });
  else if (ba !== 'closed' && ha === 'closed')
    out.push({ kind: 'additional-properties-closed', path: [], base: at(b), head: at(h), data: {} });
  else if (typeof ba === 'object' && typeof ha === 'object')
    nest(out, '*', compareSchemas(env, ba, ha, direction));
}

/** Branches are matched by `$ref` name, then title, then type, then position. */
function compareAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const branches = (view: SchemaView): { node: SchemaNode; self: boolean }[] =>
    view.alternatives
      ? view.alternatives.map((node) => ({ node, self: false }))
      : [{ node: view.node, self: true }];
  const bb = branches(b);
  const hb = branches(h);
  const bKeys = bb.map((x) => branchKeys(x.node, x.self ? b : undefined));
  const hKeys = hb.map((x) => branchKeys(x.node, x.self ? h : undefined));
  const matchedHead = new Set<number>();
  const pairs: [number, number][] = [];
  for (let level = 0; level < 3; level++) {
    bb.forEach((_, i) => {
      if (pairs.some(([bi]) => bi === i)) return;
      const key = bKeys[i]![level];
      if (key === undefined) return;
      const j = hKeys.findIndex((keys, jj) => !matchedHead.has(jj) && keys[level] === key);
      if (j >= 0) {
        pairs.push([i, j]);
        matchedHead.add(j);
      }
    });
  }
  const alternativesAt = (view: SchemaView) => view.origin.get('alternatives') ?? view.place;
  for (const [i, j] of pairs) {
    const bn = bb[i]!;
    const hn = hb[j]!;
    const deltas = compareSchemas(env, bn.node, hn.node, direction, {
      ignoreAlternatives: bn.self || hn.self,
    });
    const label = bKeys[i]![0] ?? hKeys[j]![0];
    if (label && bb.length + hb.length > 2) nest(out, `<${label}>`, deltas);
    else out.push(...deltas);
  }
  bb.forEach((x, i) => {
    if (pairs.some(([bi]) => bi === i)) return;
    out.push({
      kind: 'branch-removed',
      path: [],
      base: { file: x.node.file, pointer: x.node.pointer },
      head: alternativesAt(h),
      data: { branch: bKeys[i]![0] ?? bKeys[i]![2] ?? `#${i + 1}` },
    });
  });
  hb.forEach((x, j) => {
    if (matchedHead.has(j)) return;
    out.push({
      kind: 'branch-added',
      path: [],
      base: alternativesAt(b),
      head: { file: x.node.file, pointer: x.node.pointer },
      data: { branch: hKeys[j]![0] ?? hKeys[j]![2] ?? `#${j + 1}` },
    });
  });
}

/** Keys for matching branches, strongest first: [ref or title, type, position-free fallback]. */
function branchKeys(node: SchemaNode, self: SchemaView | undefined): (string | undefined)[] {
  if (self) {
    const type = self.types ? [...self.types].sort().join('|') : undefined;
    return [undefined, type, 'self'];
  }
  const value = node.value as Record<string, unknown> | null;
  const ref =
    value && typeof value.$ref === 'string' ? value.$ref.slice(value.$ref.lastIndexOf('/') + 1) : undefined;
  const title = value && typeof value.title === 'string' ? value.title : undefined;
  const type =
    value && typeof value.type === 'string'
      ? value.type
      : value && Array.isArray(value.type)
        ? value.type.join('|')
        : undefined;
  return [ref ?? title, type, type ?? 'self'];
}

function nest(out: SchemaDelta[], segment: string, deltas: readonly SchemaDelta[]): void {
  for (const d of deltas) out.push({ ...d, path: [segment, ...d.path] });
}
