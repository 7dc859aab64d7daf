import { code } from '../../core/inert-text.js';
import type { Severity } from '../../core/finding.js';
import type { NodePairMap } from '../place-map.js';
import type { RefScope } from '../ref-scope.js';
import { dialectEnvAt, freshMemo, sameAsRead } from './dialect-env.js';
import { readsRefSiblings } from '../ref-scope.js';
import type { Sameness } from '../equality.js';
import type { Place } from '../types.js';
import type { SchemaNode, SchemaView, ViewOptions } from './view.js';
import { resolveSchema, viewOf } from './view.js';
import { compareBounds, compareContentEncoding, compareScalars, compareTypes } from './keywords.js';
import { compareDiscriminator, retargetedValues } from './discriminator.js';
import { comparedTypes, typesDisjoint } from './compared-types.js';
import { compareAlternatives, compareMoreChoices } from './alternatives.js';
import { withChoicesPaired } from './choice-pairs.js';
import { compareChoiceWithSchema } from './choice-and-schema.js';
import { branches, nullability, soleAlternatives } from './branches.js';
import { compareAllOfMembers } from './allof-members.js';
import { compareSubtypes } from './subtypes.js';
import { compareApplicators } from './applicators.js';
import { foldFormatIntoType } from './type-format.js';
import { compareObject } from './objects.js';
import { compareArray } from './arrays.js';
import { bothMayHold } from './vocabulary.js';
import { movedSchema } from './renames.js';
import { onePerCause } from './delta-lists.js';
import type { FieldPath } from './field-path.js';
import { AT_ROOT, under } from './field-path.js';

/**
 * The one JSON Schema compatibility core, for OpenAPI bodies, parameters and headers and AsyncAPI
 * payloads and headers alike. It says what changed in a schema as *deltas* (`enum-value-added`,
 * `required-property-removed`, …); whether a delta breaks depends on who produces the data, and the
 * checks `request-<kind>` / `response-<kind>` decide that. The direction is also needed here: for
 * `readOnly`/`writeOnly` (consumers never send the one nor receive the other), and to judge a choice
 * (`oneOf`/`anyOf`) or an `allOf` member as a whole — does the set of valid values widen or narrow?
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
  'format-widened',
  'pattern-changed',
  'pattern-widened',
  'pattern-narrowed',
  'pattern-added',
  'pattern-removed',
  'enum-value-added',
  'enum-value-removed',
  'enum-added',
  'enum-removed',
  'extensible-enum-value-added',
  'extensible-enum-value-removed',
  'constraint-narrowed',
  'constraint-widened',
  'constraint-changed',
  'property-added',
  'required-property-added',
  'property-removed',
  'required-property-removed',
  'closed-property-removed',
  'deprecated-property-removed',
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
  path: FieldPath;
  base?: Place;
  head?: Place;
  data: Record<string, string>;
  /**
   * How many field paths lead to this cause (the same kind, places and data) — absent means one. A
   * memoised comparison keeps one delta per cause, the first path found, and counts the others: a
   * schema reached along many paths (references that fan out and meet again, level after level)
   * would otherwise make lists grow with the number of paths, which doubles with every such level.
   */
  reached?: number;
  /**
   * Set when `base`/`head` were moved to a `$ref` that now leads to another schema
   * (`compareDiffering`): where the difference is written, which tells apart the differences that
   * `$ref` causes (two properties the new target lacks are two changes, not one), and the field path
   * from that `$ref` to it, which names each in a message (`owner.name`, not `owner`).
   */
  written?: { base?: Place; head?: Place; below: FieldPath };
}

export interface SchemaEnv {
  base: RefScope;
  head: RefScope;
  /**
   * Is this pair the same, as these two sides read it: `written` where both read schemas by one
   * dialect, and nothing is the same unseen where they do not (see sameAsRead).
   */
  structural: Sameness;
  /** Sameness of the text as written, whatever the dialects it is read by. */
  written: Sameness;
  /** Hears of a `$ref` that cannot be followed each time a view meets it: report it once. */
  onUnresolved(side: 'base' | 'head', place: Place, ref: string): void;
  onTooDeep(place: Place): void;
  /**
   * The level of the check for a delta kind in a direction. A delta at `error` or `warning` breaks
   * or may break: what decides whether one schema still admits everything another admitted.
   */
  level(kind: SchemaDeltaKind, direction: SchemaDirection): Severity;
  /** `level` is `error` or `warning`. */
  breaks(kind: SchemaDeltaKind, direction: SchemaDirection): boolean;
  view: ViewOptions;
  /** Per direction, by (base node, head node): shared across all comparisons of one diff. */
  memo: Record<SchemaDirection, NodePairMap<SchemaDelta[]>>;
  /** Current nesting of compareSchemas calls: bounded, so hostile nesting cannot exhaust the stack. */
  depth: number;
  /** The coverage checks left to the outermost choice being judged (`sharedCoverage`). */
  coverage?: { left: number };
  /** The environments for schemas read by other dialects than their sides' (see withDialects). */
  dialects: Map<string, SchemaEnv>;
}

/** Schemas nested deeper than this are not compared (reported as a problem). */
const MAX_SCHEMA_DEPTH = 64;

export function createSchemaEnv(
  base: RefScope,
  head: RefScope,
  structural: Sameness,
  judge: { level: SchemaEnv['level']; view?: ViewOptions },
  onUnresolved: SchemaEnv['onUnresolved'],
  onTooDeep: SchemaEnv['onTooDeep'] = () => {},
): SchemaEnv {
  return {
    base,
    head,
    structural: sameAsRead(structural, base.dialect, head.dialect),
    written: structural,
    onUnresolved,
    onTooDeep,
    level: judge.level,
    breaks: (kind, direction) => judge.level(kind, direction) !== 'info',
    view: judge.view ?? {},
    memo: freshMemo(base, head),
    depth: 0,
    dialects: new Map(),
  };
}

const IN_PROGRESS: SchemaDelta[] = [];

export function compareSchemas(
  env: SchemaEnv,
  b: SchemaNode,
  h: SchemaNode,
  direction: SchemaDirection,
): SchemaDelta[] {
  return env.structural.sameNode(b, h) ? [] : compareDiffering(env, b, h, direction);
}

/** `compareSchemas` of two nodes the caller already found not the same (`sameNode`). */
export function compareDiffering(
  outer: SchemaEnv,
  b: SchemaNode,
  h: SchemaNode,
  direction: SchemaDirection,
): SchemaDelta[] {
  // Written alike elsewhere (a parameter listed in another position: 6,782 schemas of Microsoft
  // Graph 1.1.3 -> 1.3.17), refs unchanged, read by one dialect: nothing to compare.
  if (sameDialect(outer) && outer.structural.sameElsewhere(b, h)) return [];
  let env = dialectEnvAt(outer, b, h);
  // Key by the referenced schema, so a recursive schema meets itself again and stops there.
  const bk = keyNode(env.base, b);
  const hk = keyNode(env.head, h);
  // Without a `$ref` followed, these are the nodes the caller found not the same.
  if (bk !== b || hk !== h) {
    if (env.structural.sameNode(bk, hk)) return [];
    // A `$ref` may lead into a schema resource of another dialect.
    env = dialectEnvAt(env, bk, hk);
  }
  const deltas = compareKeyed(env, bk, hk, direction);
  // The same place now refers to another schema (or to one instead of an inline schema): that
  // place is the cause of every difference between the two, wherever they were written.
  const switched =
    (bk !== b || hk !== h) && env.structural.samePlace(b, h) && !env.structural.samePlace(bk, hk);
  // A schema renamed (and changed) is new in the head: its differences stay where they are written.
  if (!switched || deltas.length === 0 || movedSchema(env, bk, hk)) return deltas;
  // A difference inside a schema both sides still share stays where it was written.
  const at = (n: SchemaNode): Place => ({ file: n.file, pointer: n.pointer });
  return deltas.map((d) =>
    d.base && d.head && env.structural.samePlace(d.base, d.head)
      ? d
      : {
          ...d,
          base: at(b),
          head: at(h),
          // The innermost places tell causes apart; the path is from this `$ref`, where they now are.
          written: { base: d.written?.base ?? d.base, head: d.written?.head ?? d.head, below: d.path },
        },
  );
}

/** Both sides read every schema by one dialect (none declared schema by schema). */
function sameDialect(env: SchemaEnv): boolean {
  return env.base.dialect === env.head.dialect && !env.base.dialectAt && !env.head.dialectAt;
}

function compareKeyed(
  env: SchemaEnv,
  bk: SchemaNode,
  hk: SchemaNode,
  direction: SchemaDirection,
): SchemaDelta[] {
  const memo = env.memo[direction];
  const known = memo.get(bk, hk);
  if (known) return known;
  if (env.depth >= MAX_SCHEMA_DEPTH) {
    env.onTooDeep(hk);
    return [];
  }
  memo.set(bk, hk, IN_PROGRESS);
  env.depth++;
  try {
    const bv = sideView(env, 'base', bk);
    const hv = sideView(env, 'head', hk);
    const out: SchemaDelta[] = [];
    // An unresolved side is unknown, not `any`: nothing is said about it (its problem is reported).
    if (!bv.unresolved && !hv.unresolved) compareViews(env, bv, hv, direction, out);
    const unique = onePerCause(out);
    memo.set(bk, hk, unique);
    return unique;
  } finally {
    env.depth--;
  }
}

/**
 * The merged view of a node on one side, unresolved refs reported. Built for each comparison that
 * asks, not kept for the diff: the memo already compares a pair once, so on the GitHub pair keeping
 * them saved 90 of 2,352 merges while holding every view (27,446 properties, ~10 MB) alive to the
 * end, which each young-generation collection then copied (compare phase 353 -> 334 ms CPU without).
 */
export function sideView(env: SchemaEnv, side: 'base' | 'head', node: SchemaNode): SchemaView {
  return viewOf(
    side === 'base' ? env.base : env.head,
    node,
    (place, ref) => env.onUnresolved(side, place, ref),
    env.view,
  );
}

/** A bare `$ref` is keyed by its target; a `$ref` with siblings (3.1) by itself. */
function keyNode(scope: RefScope, node: SchemaNode): SchemaNode {
  const value = node.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || typeof value.$ref !== 'string') return node;
  if (!readsRefSiblings(scope)) return resolveSchema(scope, node).node;
  let keys = 0;
  for (const _ in value) if (++keys > 1) return node;
  return resolveSchema(scope, node).node;
}

/**
 * `coverage`: the two views are different schemas compared only to learn whether one admits what
 * the other does (see alternatives.ts): discriminators and `allOf` membership do not matter then.
 */
export function compareViews(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  coverage = false,
): void {
  const at = (view: SchemaView, keyword: string): Place => view.origin.get(keyword) ?? view.place;
  const push = (kind: SchemaDeltaKind, keyword: string, data: Record<string, string> = {}): void => {
    out.push({ kind, path: AT_ROOT, base: at(b, keyword), head: at(h, keyword), data });
  };

  // Coverage compares a view with one alternative of the other side: no choice of theirs pairs.
  if (!coverage) [b, h] = withChoicesPaired(env, b, h);
  const choice = b.alternatives !== undefined || h.alternatives !== undefined;
  if (choice && (b.alternatives === undefined) !== (h.alternatives === undefined)) {
    // A choice of one alternative admits what that alternative admits (`anyOf: [{$ref: X}]` beside
    // `nullable: true` is how 3.0 documents spell a nullable reference): compared as that schema.
    const sole = soleAlternatives(env, b, h);
    if (sole) return compareViews(env, sole[0], sole[1], direction, out, coverage);
    // `object` became `oneOf: [A, B]` (or back): judged as a whole, each alternative with the
    // schema's other keywords, against the other side; null said on its own.
    compareChoiceWithSchema(env, b, h, direction, out);
    return;
  }

  const types = comparedTypes(typedByChoice(env, 'base', b, h), typedByChoice(env, 'head', h, b), {
    base: env.base.dialect,
    head: env.head.dialect,
  });
  const own = out.length;
  const nulls = nullability(env, b, h);
  compareTypes(b, h, types, push, nulls);
  // No value of the former type is one of the new (string → array, object → integer): the type
  // change says all there is. The keywords of either type (bounds, properties, items, enum,
  // format, default) describe values the other side never admits, so each would only repeat it.
  if (typesDisjoint(types)) return;
  compareScalars(b, h, types, push);
  foldFormatIntoType(env, b, h, direction, out, own);
  compareContentEncoding(b, h, push);
  compareBounds(b, h, types, push);
  // Properties describe objects and items arrays only (2020-12 core §10.3: each applies to its own
  // type and any other value passes): beside a `type` that holds none, they describe nothing.
  if (bothMayHold(types, 'object')) compareObject(env, b, h, direction, out);
  if (bothMayHold(types, 'array')) compareArray(env, b, h, direction, out);
  compareApplicators(env, b, h, types, direction, out);
  const retargets = coverage ? [] : retargetedValues(env, b, h, direction);
  const branchesReported = choice ? compareAlternatives(env, b, h, direction, out, retargets) : undefined;
  if (coverage) return;
  compareMoreChoices(env, b, h, direction, out);
  if (!choice) compareSubtypes(env, b, h, direction, out, retargets);
  compareDiscriminator(env, b, h, direction, push, retargets, branchesReported);
  compareAllOfMembers(env, b, h, direction, out);
}

/**
 * A view whose choice alone says its types (no `type` of its own, every alternative typed), against
 * one that has its own: its types are its alternatives' together. `anyOf: [C, D]` of two objects
 * admits objects only, so `allOf: [A, {anyOf: [C, D]}]` (an object) becoming it widens no type.
 */
function typedByChoice(
  env: SchemaEnv,
  side: 'base' | 'head',
  view: SchemaView,
  other: SchemaView,
): SchemaView {
  if (view.types || !other.types || !view.alternatives) return view;
  const types = new Set<string>();
  for (const branch of branches(env, side, view)) {
    if (!branch.view.types) return view;
    for (const type of branch.view.types) types.add(type);
  }
  return { ...view, types };
}

/** A subschema keyword present on one side only: added it constrains, removed it frees. */
export function pushSubschemaPresence(
  out: SchemaDelta[],
  segment: string | undefined,
  keyword: string,
  b: SchemaView,
  h: SchemaView,
  added: boolean,
  detail?: string,
): void {
  const at = (v: SchemaView) => v.origin.get(keyword) ?? v.place;
  out.push({
    kind: added ? 'constraint-narrowed' : 'constraint-widened',
    path: segment ? under(segment) : AT_ROOT,
    base: at(b),
    head: at(h),
    data: {
      keyword,
      detail: detail ?? (added ? `${code(keyword)} was added` : `${code(keyword)} was removed`),
    },
  });
}
