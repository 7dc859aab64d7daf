import type { RefScope } from '../ref-scope.js';
import type { Sameness } from '../equality.js';
import type { Place } from '../types.js';
import type { SchemaNode, SchemaView } from './view.js';
import { resolveSchema, typesWithin, viewOf } from './view.js';

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

type Push = (kind: SchemaDeltaKind, keyword: string, data?: Record<string, string>) => void;

function compareTypes(b: SchemaView, h: SchemaView, push: Push): void {
  const describe = (types: Set<string> | undefined) =>
    types ? [...types].sort().join(' | ') || 'nothing' : 'any';
  if (b.types || h.types) {
    const from = describe(b.types);
    const to = describe(h.types);
    if (from !== to) {
      const widened = !h.types || (b.types !== undefined && typesWithin(b.types, h.types));
      const narrowed = !b.types || (h.types !== undefined && typesWithin(h.types, b.types));
      push(widened ? 'type-widened' : narrowed ? 'type-narrowed' : 'type-changed', 'type', { from, to });
    }
  }
  if (b.nullable !== h.nullable) push(h.nullable ? 'nullable-added' : 'nullable-removed', 'type');
}

function compareScalars(b: SchemaView, h: SchemaView, push: Push): void {
  for (const keyword of ['format', 'pattern'] as const) {
    const from = b[keyword];
    const to = h[keyword];
    if (from === to) continue;
    if (from === undefined) push(`${keyword}-added`, keyword, { to: to! });
    else if (to === undefined) push(`${keyword}-removed`, keyword, { from });
    else push(`${keyword}-changed`, keyword, { from, to });
  }
  if (b.enum || h.enum) {
    if (!b.enum) push('enum-added', 'enum', { values: list([...h.enum!.keys()]) });
    else if (!h.enum) push('enum-removed', 'enum', { values: list([...b.enum.keys()]) });
    else {
      const added = [...h.enum.keys()].filter((k) => !b.enum!.has(k));
      const removed = [...b.enum.keys()].filter((k) => !h.enum!.has(k));
      if (added.length > 0)
        push('enum-value-added', 'enum', { values: list(added), count: String(added.length) });
      if (removed.length > 0)
        push('enum-value-removed', 'enum', { values: list(removed), count: String(removed.length) });
    }
  }
  const from = b.defaultValue?.json;
  const to = h.defaultValue?.json;
  if (from !== to) {
    if (from === undefined) push('default-added', 'default', { to: to! });
    else if (to === undefined) push('default-removed', 'default', { from });
    else push('default-changed', 'default', { from, to });
  }
}

function compareBounds(b: SchemaView, h: SchemaView, push: Push): void {
  const show = (bound: { value: number; exclusive: boolean } | undefined) =>
    bound ? `${bound.exclusive ? '>' : ''}${bound.value}` : 'none';
  for (const keyword of ['minimum', 'minLength', 'minItems', 'minProperties'] as const) {
    const from = b.lower[keyword];
    const to = h.lower[keyword];
    const cmp = compareLower(from, to);
    if (cmp !== 0)
      push(cmp > 0 ? 'constraint-narrowed' : 'constraint-widened', keyword, {
        keyword,
        from: show(from),
        to: show(to),
      });
  }
  for (const keyword of ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    const from = b.upper[keyword];
    const to = h.upper[keyword];
    // An upper bound is a lower bound on the negated value.
    const cmp = compareLower(negate(from), negate(to));
    if (cmp !== 0)
      push(cmp > 0 ? 'constraint-narrowed' : 'constraint-widened', keyword, {
        keyword,
        from: show(from),
        to: show(to),
      });
  }
  if (b.multipleOf !== h.multipleOf) {
    const from = b.multipleOf;
    const to = h.multipleOf;
    const widened = to === undefined || (from !== undefined && Number.isInteger(from / to));
    push(widened ? 'constraint-widened' : 'constraint-narrowed', 'multipleOf', {
      keyword: 'multipleOf',
      from: String(from ?? 'none'),
      to: String(to ?? 'none'),
    });
  }
  if (b.uniqueItems !== h.uniqueItems)
    push(h.uniqueItems ? 'constraint-narrowed' : 'constraint-widened', 'uniqueItems', {
      keyword: 'uniqueItems',
      from: String(b.uniqueItems),
      to: String(h.uniqueItems),
    });
}

type MaybeBound = { value: number; exclusive: boolean } | undefined;

/** >0 when `to` admits less than `from` (narrowed), <0 when more, 0 when the same. */
function compareLower(from: MaybeBound, to: MaybeBound): number {
  if (!from && !to) return 0;
  if (!from) return 1;
  if (!to) return -1;
  if (from.value !== to.value) return to.value > from.value ? 1 : -1;
  return from.exclusive === to.exclusive ? 0 : to.exclusive ? 1 : -1;
}

function negate(bound: MaybeBound): MaybeBound {
  return bound ? { value: -bound.value, exclusive: bound.exclusive } : undefined;
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

function compareDiscriminator(b: SchemaView, h: SchemaView, push: Push): void {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd && !hd) return;
  if (!bd || !hd || bd.propertyName !== hd.propertyName) {
    push('discriminator-changed', 'discriminator', {
      from: bd?.propertyName ?? 'none',
      to: hd?.propertyName ?? 'none',
    });
    return;
  }
  const added = [...hd.mapping.keys()].filter((k) => !bd.mapping.has(k));
  const removed = [...bd.mapping.keys()].filter((k) => !hd.mapping.has(k));
  const changed = [...bd.mapping.keys()].filter(
    (k) => hd.mapping.has(k) && hd.mapping.get(k) !== bd.mapping.get(k),
  );
  if (added.length > 0) push('discriminator-mapping-added', 'discriminator', { values: list(added) });
  if (removed.length > 0) push('discriminator-mapping-removed', 'discriminator', { values: list(removed) });
  if (changed.length > 0)
    push('discriminator-changed', 'discriminator', { from: list(changed), to: 'other schemas' });
}

function nest(out: SchemaDelta[], segment: string, deltas: readonly SchemaDelta[]): void {
  for (const d of deltas) out.push({ ...d, path: [segment, ...d.path] });
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
