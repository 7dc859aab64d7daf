/**
 * A choice (`oneOf` / `anyOf`) judged as a whole: does the set of values it admits widen (a value
 * outside every former alternative is now possible) or narrow (a value a former alternative admitted
 * fits no alternative now)? Branches that match on both sides — by `$ref` name or title, by
 * discriminator value, or by a type only one branch has — are compared with each other; every other
 * branch is checked against all the alternatives of the other side, so merging two branches into a
 * wider one, splitting one, or turning an open object into a choice of objects is judged by what it
 * admits, not reported branch by branch.
 */
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas, compareViews, nest } from './compare.js';
import type { SchemaNode, SchemaView } from './view.js';
import { refineView, resolveSchema, typesWithin } from './view.js';

/** Most comparisons one choice may spend on coverage; beyond it a branch counts as not covered. */
const MAX_COVERAGE_CHECKS = 400;

interface Branch {
  node: SchemaNode;
  side: 'base' | 'head';
  /** The branch as it validates: the schema's other keywords and the branch's, merged (lazily). */
  readonly view: SchemaView;
  label: string;
}

export function compareAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const budget = { left: MAX_COVERAGE_CHECKS };
  const covers = (bv: SchemaView, hv: SchemaView, sense: SchemaDirection) =>
    budget.left-- > 0 && compatible(env, bv, hv, sense);
  const refines = (bv: SchemaView, hv: SchemaView) =>
    budget.left-- > 0 && compatible(env, bv, hv, 'response', { mode: 'describe', refinement: true });
  const place = (view: SchemaView): Place => view.origin.get('alternatives') ?? view.place;
  const push = (kind: 'branch-added' | 'branch-removed', values: string) =>
    out.push({ kind, path: [], base: place(b), head: place(h), data: { values } });

  const bb = branches(env, 'base', b);
  const hb = branches(env, 'head', h);

  if (!b.alternatives) {
    // One schema became a choice.
    if (direction === 'response') {
      const wider = hb.filter((x) => !refines(b, x.view));
      if (wider.length > 0) push('branch-added', labels(wider));
      else push('branch-removed', `values outside its new alternatives ${labels(hb)}`);
      return;
    }
    const home = hb.findIndex((x) => covers(b, x.view, 'request'));
    if (home < 0) {
      if (coveredByUnion(env, b, hb, covers)) {
        push('branch-added', labels(hb));
        return;
      }
      explainOrPush(env, b, hb, out, () =>
        push('branch-removed', `values that fit none of its new alternatives ${labels(hb)}`),
      );
      return;
    }
    const rivals =
      h.exclusive && !h.discriminator
        ? hb.filter((x, j) => j !== home && overlaps(env, b, x.view, h.nullable))
        : [];
    if (rivals.length > 0)
      out.push({
        kind: 'constraint-narrowed',
        path: [],
        base: b.place,
        head: place(h),
        data: {
          keyword: 'oneOf',
          detail: `a value it accepted also matches ${labels(rivals)} besides ${labels([hb[home]!])}, and \`oneOf\` rejects a value that matches more than one alternative`,
        },
      });
    else push('branch-added', labels(hb.filter((_, j) => j !== home)));
    return;
  }

  if (!h.alternatives) {
    // A choice became one schema.
    if (direction === 'response') {
      const home = bb.findIndex((x) => covers(x.view, h, 'response'));
      if (home < 0) push('branch-added', `values outside its former alternatives ${labels(bb)}`);
      else if (bb.length > 1) push('branch-removed', labels(bb.filter((_, i) => i !== home)));
      return;
    }
    const lost = bb.filter((x) => !covers(x.view, h, 'request'));
    if (lost.length > 0) push('branch-removed', labels(lost));
    return;
  }

  const { pairs, baseLeft, headLeft } = matchBranches(env, b, h, bb, hb);
  for (const [x, y] of pairs) {
    const deltas = compareSchemas(env, x.node, y.node, direction);
    if (bb.length > 1 || hb.length > 1)
      nest(out, `<${x.label === y.label ? x.label : `${x.label}→${y.label}`}>`, deltas);
    else out.push(...deltas);
  }
  if (direction === 'response') {
    const added = headLeft.filter((y) => !bb.some((x) => covers(x.view, y.view, 'response')));
    if (added.length > 0) push('branch-added', labels(added));
    if (baseLeft.length > 0) push('branch-removed', labels(baseLeft));
  } else {
    const removed = baseLeft.filter((x) => !hb.some((y) => covers(x.view, y.view, 'request')));
    if (removed.length > 0) push('branch-removed', labels(removed));
    if (headLeft.length > 0) push('branch-added', labels(headLeft));
  }
}

/**
 * Is changing `b` into `h` compatible for one side of the exchange — for `request`, does `h` still
 * admit every value `b` admitted; for `response`, does `h` admit nothing `b` did not? Answered by the
 * comparison itself: compatible when it finds nothing the checks of that side call breaking.
 */
/**
 * `describe` (alternatives): the other side must describe every property this one does — a sender's
 * property that no alternative describes is not understood. `validate` (allOf members, `not`): only
 * whether values still validate counts, so an undescribed property of an open schema is fine;
 * `strict` adds that a property the other side newly types constrains values that were free.
 */
export type Coverage = {
  mode: 'describe' | 'validate';
  strict?: boolean;
  /**
   * Readers: an optional property the narrower side leaves out does not count — its values simply
   * do not carry it. For one schema refined into alternatives (a payload described per event type),
   * not for a new alternative among existing ones, which readers dispatch on.
   */
  refinement?: boolean;
  /** The two alternatives compared (set by `compatible`). */
  within?: { base: Place; head: Place };
};

export function compatible(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  sense: SchemaDirection,
  coverage: Coverage = { mode: 'describe' },
): boolean {
  if (env.depth >= 60 || !plausible(b, h, sense, coverage)) return false;
  const judged = { ...coverage, within: { base: b.place, head: h.place } };
  // Stops at the first difference that breaks: most unrelated alternatives differ early.
  const out: SchemaDelta[] = [];
  out.push = (...deltas: SchemaDelta[]) => {
    for (const d of deltas) if (breaksCoverage(env, d, sense, judged)) throw INCOMPATIBLE;
    return out.length;
  };
  let result = true;
  env.depth++;
  try {
    compareViews(env, b, h, sense, out, true);
  } catch (error) {
    if (error !== INCOMPATIBLE) throw error;
    result = false;
  } finally {
    env.depth--;
  }
  return result;
}

const INCOMPATIBLE = new Error('incompatible');

/**
 * A cheap necessary condition, checked before the full comparison: the wider side requires no
 * property the narrower does not, describes every property the narrower does (requests), and the
 * types fit. Most unrelated alternatives of a large choice fail it at once.
 */
function plausible(b: SchemaView, h: SchemaView, sense: SchemaDirection, coverage: Coverage): boolean {
  const [narrow, wide] = sense === 'request' ? [b, h] : [h, b];
  if (narrow.types && wide.types && !typesWithin(narrow.types, wide.types)) return false;
  for (const name of wide.required)
    if (!narrow.required.has(name) && !hiddenIn(wide, name, sense)) return false;
  if (sense === 'request' && coverage.mode === 'describe')
    for (const name of narrow.properties.keys()) if (!wide.properties.has(name)) return false;
  // Readers of a new alternative miss no property the old one described (unless it refines one).
  if (sense === 'response' && coverage.mode === 'describe' && !coverage.refinement)
    for (const name of wide.properties.keys())
      if (!narrow.properties.has(name) && !hiddenIn(wide, name, sense)) return false;
  return true;
}

function hiddenIn(view: SchemaView, name: string, sense: SchemaDirection): boolean {
  const p = view.properties.get(name);
  return p !== undefined && (sense === 'request' ? p.readOnly : p.writeOnly);
}

/** Annotations and dispatch hints: they do not change which values a schema admits. */
const NOT_ABOUT_VALUES = new Set([
  'default-added',
  'default-changed',
  'default-removed',
  'discriminator-changed',
  'discriminator-mapping-added',
  'discriminator-mapping-removed',
  'read-only-added',
  'write-only-added',
]);

function breaksCoverage(env: SchemaEnv, d: SchemaDelta, sense: SchemaDirection, coverage: Coverage): boolean {
  if (NOT_ABOUT_VALUES.has(d.kind)) return false;
  // A change inside a schema two alternatives both refer to is reported where it was written; it
  // says nothing about whether one alternative covers the other.
  if (
    coverage.mode === 'describe' &&
    coverage.within &&
    d.base &&
    d.head &&
    env.structural.samePlace(d.base, d.head)
  ) {
    const inside = (p: Place, root: Place) => p.file === root.file && p.pointer.startsWith(root.pointer);
    if (!inside(d.base, coverage.within.base) && !inside(d.head, coverage.within.head)) return false;
  }
  const removed = d.kind === 'property-removed' || d.kind === 'required-property-removed';
  const added = d.kind === 'property-added' || d.kind === 'required-property-added';
  if (sense === 'request' && removed)
    // Described: what a sender puts in a property no alternative describes is not understood.
    return coverage.mode === 'describe' || d.data.closed === 'true';
  // A reader sees a property it does not know only where the old schema was closed.
  if (sense === 'response' && added) return d.data.closed === 'true';
  if (sense === 'response' && coverage.refinement && d.kind === 'property-removed') return false;
  // Strict: a property the new side types constrains values that were free.
  if (coverage.strict && sense === 'request' && added) return true;
  return env.breaks(d.kind, sense);
}

/**
 * A schema of several values split into alternatives: an enum whose every value some alternative
 * admits, or several types each of which some alternative covers (`string | integer` → `oneOf:
 * [string, integer]`).
 */
function coveredByUnion(
  env: SchemaEnv,
  b: SchemaView,
  hb: readonly Branch[],
  covers: (bv: SchemaView, hv: SchemaView, sense: SchemaDirection) => boolean,
): boolean {
  if (b.enum && b.enum.size > 0 && b.enum.size <= 50)
    return [...b.enum.entries()].every(([json]) =>
      hb.some((x) =>
        covers({ ...b, enum: new Map([[json, JSON.parse(json) as unknown]]) }, x.view, 'request'),
      ),
    );
  if (b.types && b.types.size > 1)
    return [...b.types].every((t) =>
      hb.some((x) => covers({ ...b, types: new Set([t]) }, x.view, 'request')),
    );
  return false;
}

/**
 * A schema that became a choice which no longer admits all of it: say why, with what breaks against
 * the closest alternative (a property that became required, properties now closed), when that is a
 * short list; else in general terms.
 */
function explainOrPush(
  env: SchemaEnv,
  b: SchemaView,
  hb: readonly Branch[],
  out: SchemaDelta[],
  otherwise: () => void,
): void {
  let best: SchemaDelta[] | undefined;
  for (const x of hb.slice(0, 20)) {
    const deltas: SchemaDelta[] = [];
    env.depth++;
    try {
      compareViews(env, b, x.view, 'request', deltas, true);
    } finally {
      env.depth--;
    }
    const breaking = deltas.filter((d) => breaksCoverage(env, d, 'request', { mode: 'describe' }));
    if (breaking.length > 0 && (!best || breaking.length < best.length)) best = breaking;
  }
  // Only errors explain a loss on their own; a doubtful difference would understate it.
  if (best && best.length <= 3 && best.every((d) => env.level(d.kind, 'request') === 'error'))
    out.push(...best);
  else otherwise();
}

function branches(env: SchemaEnv, side: 'base' | 'head', view: SchemaView): Branch[] {
  const scope = side === 'base' ? env.base : env.head;
  if (!view.alternatives) return [{ node: view.node, side, view, label: 'the former schema' }];
  return view.alternatives.map((node, i) => {
    let refined: SchemaView | undefined;
    return {
      node,
      side,
      get view() {
        refined ??= refineView(
          scope,
          view,
          node,
          (place, ref) => env.onUnresolved(side, place, ref),
          env.view,
        );
        return refined;
      },
      label: branchLabel(node, i),
    };
  });
}

function branchLabel(node: SchemaNode, index: number): string {
  const value = node.value as Record<string, unknown> | null;
  const name = branchName(node);
  if (name) return name;
  // A branch that fixes one value is best named by it.
  if (value && 'const' in value) return JSON.stringify(value.const);
  if (value && Array.isArray(value.enum) && value.enum.length > 0 && value.enum.length <= 3)
    return value.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (value && typeof value.type === 'string') return `${value.type} #${index + 1}`;
  return `#${index + 1}`;
}

/** A branch's own name: its `$ref`, its title, or the first `$ref` among its `allOf` members. */
function branchName(node: SchemaNode): string | undefined {
  const value = node.value as Record<string, unknown> | null;
  if (!value) return undefined;
  if (typeof value.$ref === 'string') return refName(value.$ref);
  if (typeof value.title === 'string') return value.title;
  if (Array.isArray(value.allOf))
    for (const member of value.allOf)
      if (member && typeof member === 'object' && typeof (member as { $ref?: unknown }).$ref === 'string')
        return refName((member as { $ref: string }).$ref);
  return undefined;
}

function refName(ref: string): string {
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

const SHOWN = 5;

function labels(list: readonly { label: string }[]): string {
  const shown = list
    .slice(0, SHOWN)
    .map((x) => `\`${x.label}\``)
    .join(', ');
  return list.length > SHOWN ? `${shown} and ${list.length - SHOWN} more` : shown;
}

/**
 * Pairs branches by, in turn: `$ref` name or title; discriminator value (a schema renamed with its
 * discriminator mapping updated is the same alternative); a type only one unpaired branch on each
 * side has.
 */
function matchBranches(env: SchemaEnv, b: SchemaView, h: SchemaView, bb: Branch[], hb: Branch[]) {
  const pairs: [Branch, Branch][] = [];
  const baseLeft = new Set(bb);
  const headLeft = new Set(hb);
  const pass = (keyOf: (x: Branch, side: 'base' | 'head') => string | undefined) => {
    const byKey = new Map<string, Branch[]>();
    for (const y of headLeft) {
      const key = keyOf(y, 'head');
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), y]);
    }
    for (const x of [...baseLeft]) {
      const key = keyOf(x, 'base');
      const y = key === undefined ? undefined : byKey.get(key)?.shift();
      if (!y) continue;
      pairs.push([x, y]);
      baseLeft.delete(x);
      headLeft.delete(y);
    }
  };
  pass((x) => {
    const name = branchName(x.node);
    return name === undefined ? undefined : `name:${name}`;
  });
  pass((x, side) =>
    discriminatorValue(side === 'base' ? env.base : env.head, side === 'base' ? b : h, x.node),
  );
  const uniqueTypes = (set: Set<Branch>) => {
    const count = new Map<string, number>();
    for (const x of set) {
      const t = typeKey(env, x);
      if (t) count.set(t, (count.get(t) ?? 0) + 1);
    }
    return count;
  };
  const bTypes = uniqueTypes(baseLeft);
  const hTypes = uniqueTypes(headLeft);
  pass((x) => {
    const t = typeKey(env, x);
    return t && bTypes.get(t) === 1 && hTypes.get(t) === 1 ? t : undefined;
  });
  // Unnamed inline branches at the same position with the same type: the same alternative edited.
  pass((x) => {
    if (branchName(x.node) !== undefined) return undefined;
    const position = x.node.pointer.slice(x.node.pointer.lastIndexOf('/') + 1);
    return `${position}:${typeKey(env, x) ?? ''}`;
  });
  return { pairs, baseLeft: [...baseLeft], headLeft: [...headLeft] };
}

/** The branch's types, read from its own node (merging a view for it is not needed to match). */
function typeKey(env: SchemaEnv, x: Branch): string | undefined {
  const scope = x.side === 'base' ? env.base : env.head;
  const value = resolveSchema(scope, x.node).node.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object') return undefined;
  const type = value.type;
  return typeof type === 'string'
    ? type
    : Array.isArray(type)
      ? [...type].map(String).sort().join('|')
      : undefined;
}

/** The value of the parent's discriminator property that selects this branch. */
function discriminatorValue(scope: RefScope, parent: SchemaView, node: SchemaNode): string | undefined {
  const d = parent.discriminator;
  if (!d?.propertyName) return undefined;
  const value = node.value as Record<string, unknown> | null;
  const ref = value && typeof value.$ref === 'string' ? value.$ref : undefined;
  if (ref) {
    const name = refName(ref);
    for (const [key, target] of d.mapping)
      if (target === ref || refName(target) === name) return `disc:${key}`;
  }
  const own = constOf(scope, node, d.propertyName);
  if (own !== undefined) return `disc:${own}`;
  return ref && d.mapping.size === 0 ? `disc:${refName(ref)}` : undefined;
}

/** The single value a branch fixes for a property (`const`, or a one-value `enum`). */
function constOf(scope: RefScope, node: SchemaNode, property: string): string | undefined {
  const values = valuesOf(scope, node, property);
  return values?.size === 1 ? [...values][0] : undefined;
}

function valuesOf(scope: RefScope, node: SchemaNode, property: string): Set<string> | undefined {
  const schema = resolveSchema(scope, node).node.value as Record<string, unknown> | null;
  const props =
    schema && typeof schema.properties === 'object'
      ? (schema.properties as Record<string, unknown>)
      : undefined;
  const prop = props?.[property];
  if (!prop || typeof prop !== 'object') return undefined;
  const p = resolveSchema(scope, { file: node.file, pointer: node.pointer, value: prop }).node
    .value as Record<string, unknown>;
  if ('const' in p) return new Set([String(p.const)]);
  return Array.isArray(p.enum) ? new Set(p.enum.map(String)) : undefined;
}

/**
 * Might one value match both schemas? False only when they provably exclude each other: no common
 * type, no common enum value, a property one requires that the other fixes to other values, or a
 * property one requires that the other (closed) does not allow.
 */
function overlaps(env: SchemaEnv, a: SchemaView, z: SchemaView, nullAllowedOutside: boolean): boolean {
  // A `null` the schema admits besides its alternatives (3.0 `nullable` beside `oneOf`) is no overlap.
  if (a.nullable && z.nullable && !nullAllowedOutside) return true;
  if (a.types && z.types && !typesWithin(a.types, z.types) && !typesWithin(z.types, a.types)) {
    const common = [...a.types].some((t) => z.types!.has(t) || (t === 'integer' && z.types!.has('number')));
    const back = [...z.types].some((t) => t === 'integer' && a.types!.has('number'));
    if (!common && !back) return false;
  }
  if (a.enum && z.enum && ![...a.enum.keys()].some((k) => z.enum!.has(k))) return false;
  const excludes = (x: SchemaView, xScope: RefScope, y: SchemaView, yScope: RefScope): boolean => {
    for (const name of x.required) {
      const yp = y.properties.get(name);
      if (!yp) {
        if (y.additional === 'closed') return true;
        continue;
      }
      const xp = x.properties.get(name);
      const xs = xp && valuesOfNode(xScope, xp.node);
      const ys = valuesOfNode(yScope, yp.node);
      if (xs && ys && ![...xs].some((v) => ys.has(v))) return true;
    }
    return false;
  };
  return !excludes(a, env.base, z, env.head) && !excludes(z, env.head, a, env.base);
}

function valuesOfNode(scope: RefScope, node: SchemaNode): Set<string> | undefined {
  const p = resolveSchema(scope, node).node.value as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return undefined;
  if ('const' in p) return new Set([JSON.stringify(p.const)]);
  return Array.isArray(p.enum) ? new Set(p.enum.map((v) => JSON.stringify(v))) : undefined;
}
