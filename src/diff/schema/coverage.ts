/**
 * Coverage: does one schema still admit (for a request) or admit nothing beyond (for a response)
 * what another did? Asked of alternatives (alternatives.ts) and `allOf` members and `not`
 * (applicators.ts): answered by the comparison itself, stopped at the first breaking difference.
 */
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareViews } from './compare.js';
import type { SchemaNode, SchemaView } from './view.js';
import { resolveSchema, typesWithin } from './view.js';

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

/**
 * Runs a choice's judgement on the coverage checks left to the outermost choice being judged: a
 * choice judged inside it (an alternative that is itself a choice, through `$ref`s that may lead
 * back to it) shares them. With a budget of its own each nested judgement multiplied the checks by
 * every level of nesting: `N: anyOf: [$ref N, $ref N, {type: string}]` ran for hours.
 */
export function sharedCoverage<T>(env: SchemaEnv, max: number, judge: (budget: { left: number }) => T): T {
  if (env.coverage) return judge(env.coverage);
  const budget = { left: max };
  env.coverage = budget;
  try {
    return judge(budget);
  } finally {
    env.coverage = undefined;
  }
}

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
 * A cheap necessary condition, checked before the full comparison: the types fit and — where the
 * narrower side may hold objects — the wider side requires no property the narrower does not and
 * describes every property the narrower does (requests). Most unrelated alternatives of a large choice fail it at once.
 */
function plausible(b: SchemaView, h: SchemaView, sense: SchemaDirection, coverage: Coverage): boolean {
  const [narrow, wide] = sense === 'request' ? [b, h] : [h, b];
  if (narrow.types && wide.types && !typesWithin(narrow.types, wide.types)) return false;
  // Properties and `required` speak of objects only: a narrower side that holds none (the `number`
  // of `type: [number, object]` split into alternatives) meets none of them.
  if (narrow.types && !narrow.types.has('object')) return true;
  for (const name of wide.required.keys())
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

export function breaksCoverage(
  env: SchemaEnv,
  d: SchemaDelta,
  sense: SchemaDirection,
  coverage: Coverage,
): boolean {
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
  const removed =
    d.kind === 'property-removed' ||
    d.kind === 'required-property-removed' ||
    d.kind === 'closed-property-removed' ||
    d.kind === 'deprecated-property-removed';
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
 * Might one value match both schemas? False only when they provably exclude each other: no common
 * type, no common enum value, a property one requires that the other fixes to other values, or a
 * property one requires that the other (closed) does not allow.
 */
export function overlaps(
  env: SchemaEnv,
  a: SchemaView,
  z: SchemaView,
  nullAllowedOutside: boolean,
  scopes: readonly [RefScope, RefScope] = [env.base, env.head],
): boolean {
  // A `null` the schema admits besides its alternatives (3.0 `nullable` beside `oneOf`) is no overlap.
  if (a.nullable && z.nullable && !nullAllowedOutside) return true;
  if (a.types && z.types && !typesWithin(a.types, z.types) && !typesWithin(z.types, a.types)) {
    const common = [...a.types].some((t) => z.types!.has(t) || (t === 'integer' && z.types!.has('number')));
    const back = [...z.types].some((t) => t === 'integer' && a.types!.has('number'));
    if (!common && !back) return false;
  }
  if (a.enum && z.enum && ![...a.enum.keys()].some((k) => z.enum!.has(k))) return false;
  const excludes = (x: SchemaView, xScope: RefScope, y: SchemaView, yScope: RefScope): boolean => {
    for (const name of x.required.keys()) {
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
  return !excludes(a, scopes[0], z, scopes[1]) && !excludes(z, scopes[1], a, scopes[0]);
}

function valuesOfNode(scope: RefScope, node: SchemaNode): Set<string> | undefined {
  const p = resolveSchema(scope, node).node.value as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') return undefined;
  if ('const' in p) return new Set([JSON.stringify(p.const)]);
  return Array.isArray(p.enum) ? new Set(p.enum.map((v) => JSON.stringify(v))) : undefined;
}
