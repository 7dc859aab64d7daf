/**
 * A choice (`oneOf` / `anyOf`) judged as a whole: does the set of values it admits widen (a value
 * outside every former alternative is now possible) or narrow (a value a former alternative admitted
 * fits no alternative now)? Branches that match on both sides — by `$ref` name or title, by
 * discriminator value, or by a type only one branch has — are compared with each other; every other
 * branch is checked against all the alternatives of the other side, so merging two branches into a
 * wider one, splitting one, or turning an open object into a choice of objects is judged by what it
 * admits, not reported branch by branch.
 */
import type { Place } from '../types.js';
import type { Branch } from './branches.js';
import { branches, labels, matchBranches } from './branches.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas, compareViews, nest, pathsOf } from './compare.js';
import { breaksCoverage, compatible, overlaps } from './coverage.js';
import type { Retarget } from './discriminator.js';
import type { SchemaView } from './view.js';
import { typesDisjoint } from './compared-types.js';

/** Most comparisons one choice may spend on coverage; beyond it a branch counts as not covered. */
const MAX_COVERAGE_CHECKS = 400;

/**
 * Returns the labels of the alternatives it reported as added or removed between two choices: a
 * discriminator value that came or went with one of them is that same change (`compareDiscriminator`).
 */
export function compareAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  retargets: readonly Retarget[] = [],
): ReadonlySet<string> {
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
      // Split into alternatives of its own values (`enum: [a, b]` → `oneOf: [{const: a}, …]`): the same.
      else if (!coveredByUnion(b, hb, (part, x) => covers(part, x.view, 'request')))
        push('branch-removed', `values outside its new alternatives ${labels(hb)}`);
      return NONE;
    }
    // A null the schema admitted that one of the alternatives admits is still accepted: the rest of
    // its values must find a home (`X, nullable` → `anyOf: [X, {type: object, nullable: true}]`).
    const rest = b.nullable && hb.some((x) => x.view.nullable) ? { ...b, nullable: false } : b;
    const home = hb.findIndex((x) => covers(rest, x.view, 'request'));
    if (home < 0) {
      if (coveredByParts(rest, hb, (part, x) => covers(part, x.view, 'request'))) {
        // Split into alternatives of its own values and types only: the same values, nothing to say.
        const wider = hb.filter((x) => !refines(b, x.view));
        if (wider.length > 0) push('branch-added', labels(wider));
        return NONE;
      }
      // Of a schema of several types, only the types no alternative takes whole need explaining.
      const lost = uncoveredTypes(rest, hb, (part, x) => covers(part, x.view, 'request'));
      explainOrPush(env, lost ?? rest, hb, out, () =>
        push('branch-removed', `values that fit none of its new alternatives ${labels(hb)}`),
      );
      return NONE;
    }
    const rivals =
      h.exclusive && !h.discriminator
        ? hb.filter((x, j) => j !== home && overlaps(env, rest, x.view, h.nullable))
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
    return NONE;
  }

  if (!h.alternatives) {
    // A choice became one schema.
    if (direction === 'response') {
      const home = bb.findIndex((x) => covers(x.view, h, 'response'));
      if (home >= 0) {
        if (bb.length > 1) push('branch-removed', labels(bb.filter((_, i) => i !== home)));
      } else if (coveredByParts(h, bb, (part, x) => covers(x.view, part, 'response'))) {
        // Alternatives merged into one schema of their values (`oneOf: [{const: a}, {const: b}]`
        // → `enum: [a, b]`): nothing new to read; only alternatives it no longer admits are said.
        const lost = bb.filter((x) => !covers(x.view, h, 'request'));
        if (lost.length > 0) push('branch-removed', labels(lost));
      } else push('branch-added', `values outside its former alternatives ${labels(bb)}`);
      return NONE;
    }
    const lost = bb.filter((x) => !covers(x.view, h, 'request'));
    if (lost.length > 0) push('branch-removed', labels(lost));
    return NONE;
  }

  const { pairs, baseLeft, headLeft } = matchBranches(env, b, h, bb, hb);
  comparePairedAlternatives(env, pairs, direction, out, {
    retargets,
    labelled: bb.length > 1 || hb.length > 1,
  });
  if (direction === 'request' && !b.exclusive && h.exclusive && !h.discriminator) {
    const both = nowExclusive(env, b, h, pairs);
    if (both)
      out.push({
        kind: 'constraint-narrowed',
        path: [],
        base: place(b),
        head: place(h),
        data: {
          keyword: 'oneOf',
          detail: `\`anyOf\` became \`oneOf\`: a value that matches both ${labels([both[0]])} and ${labels([both[1]])} was accepted, and \`oneOf\` rejects a value that matches more than one alternative`,
        },
      });
  }
  // Unpaired alternatives are said only where their values moved: one whose values an alternative
  // of the other side takes whole (an inline `enum` now a `$ref` to the same values, beside others)
  // is no news, and "no longer admits" or "now also admits" it would be false.
  const removed = baseLeft.filter((x) => !hb.some((y) => covers(x.view, y.view, 'request')));
  const added = headLeft.filter((y) => !bb.some((x) => covers(x.view, y.view, 'response')));
  if (direction === 'response') {
    if (added.length > 0) push('branch-added', labels(added));
    if (removed.length > 0) push('branch-removed', labels(removed));
  } else {
    if (removed.length > 0) push('branch-removed', labels(removed));
    if (added.length > 0) push('branch-added', labels(added));
  }
  return new Set([...added, ...removed].map((x) => x.label));
}

const NONE: ReadonlySet<string> = new Set();

/** An alternative as the comparison of paired alternatives needs it: its schema and its name. */
export type Alternative = Pick<Branch, 'node' | 'label'>;

/**
 * Each pair of alternatives (one per side, the same alternative) compared, their differences under
 * the alternative's name (`<Cat>.meow`, `<Cat→Kitty>.meow` for one renamed) when `labelled`: a
 * choice of several, or the subtypes a discriminator selects (subtypes.ts), where a bare path would
 * read as the parent's own field.
 */
export function comparePairedAlternatives(
  env: SchemaEnv,
  pairs: readonly (readonly [Alternative, Alternative])[],
  direction: SchemaDirection,
  out: SchemaDelta[],
  options: { retargets: readonly Retarget[]; labelled: boolean },
): void {
  for (const [x, y] of pairs) {
    // A discriminator value mapped to another schema is one change (discriminator-changed): the
    // former schema's properties gone and the new one's added are that change, not more of them.
    if (options.retargets.some((r) => r.from === x.label && r.to === y.label)) continue;
    const deltas = compareSchemas(env, x.node, y.node, direction);
    if (options.labelled) nest(out, `<${x.label === y.label ? x.label : `${x.label}→${y.label}`}>`, deltas);
    else out.push(...deltas);
  }
}

/**
 * `anyOf` → `oneOf`: the first two alternatives kept from the former choice that one value may
 * match on both sides (so it was accepted, and matches two alternatives now); none when they
 * exclude each other (different types, different fixed values of a required property).
 */
function nowExclusive(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  pairs: readonly (readonly [Branch, Branch])[],
): [Branch, Branch] | undefined {
  const kept = pairs.slice(0, 20);
  for (let i = 0; i < kept.length; i++)
    for (let j = i + 1; j < kept.length; j++) {
      const [bx, hx] = kept[i]!;
      const [by, hy] = kept[j]!;
      if (
        overlaps(env, bx.view, by.view, b.nullable, [env.base, env.base]) &&
        overlaps(env, hx.view, hy.view, h.nullable, [env.head, env.head])
      )
        return [hx, hy];
    }
  return undefined;
}

/**
 * Whether the alternatives of a choice on the other side together admit a schema: one of them
 * `fits` it whole (the same object, beside one refined into another shape), or its parts are each
 * fitted (`coveredByParts`). `fits(part, branch)`: the schema or a part of it, and a branch.
 */
function coveredByUnion(
  whole: SchemaView,
  alternatives: readonly Branch[],
  fits: (part: SchemaView, branch: Branch) => boolean,
): boolean {
  return alternatives.some((x) => fits(whole, x)) || coveredByParts(whole, alternatives, fits);
}

/**
 * A schema of several values and the alternatives of a choice on the other side: an enum whose
 * every value some alternative `fits`, or several types each of which some alternative fits
 * (`string | integer` and `oneOf: [string, integer]`, `enum: [a, b]` and `oneOf: [{const: a},
 * {const: b}]`). Of one type and no enum, it has no parts: only a fit of the whole covers it.
 */
function coveredByParts(
  whole: SchemaView,
  alternatives: readonly Branch[],
  fits: (part: SchemaView, branch: Branch) => boolean,
): boolean {
  if (whole.enum && whole.enum.size > 0 && whole.enum.size <= 50)
    return [...whole.enum.entries()].every(([json]) => {
      const part = { ...whole, enum: new Map([[json, JSON.parse(json) as unknown]]) };
      return alternatives.some((x) => fits(part, x));
    });
  if (whole.types && whole.types.size > 1)
    return [...whole.types].every((t) => {
      const part = { ...whole, types: new Set([t]) };
      return alternatives.some((x) => fits(part, x));
    });
  return false;
}

/**
 * A schema of several types, less the types some alternative fits whole (`type: [number, object]`
 * against `anyOf: [number, {object, required: [id]}]`: the object part alone); undefined when it
 * states one type or none, or when every type is left.
 */
function uncoveredTypes(
  whole: SchemaView,
  alternatives: readonly Branch[],
  fits: (part: SchemaView, branch: Branch) => boolean,
): SchemaView | undefined {
  if (!whole.types || whole.types.size < 2) return undefined;
  const left = [...whole.types].filter((t) => {
    const part = { ...whole, types: new Set([t]) };
    return !alternatives.some((x) => fits(part, x));
  });
  return left.length > 0 && left.length < whole.types.size ? { ...whole, types: new Set(left) } : undefined;
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
  // An alternative of other types explains nothing but that it is another type: when one shares a
  // type with the schema, the others are left out.
  const otherType = (x: Branch) => !!b.types && !!x.view.types && typesDisjoint([b.types, x.view.types]);
  const candidates = hb.some((x) => !otherType(x)) ? hb.filter((x) => !otherType(x)) : hb;
  for (const x of candidates.slice(0, 20)) {
    const deltas: SchemaDelta[] = [];
    env.depth++;
    try {
      compareViews(env, b, x.view, 'request', deltas, true);
    } finally {
      env.depth--;
    }
    const breaking = deltas.filter((d) => breaksCoverage(env, d, 'request', { mode: 'describe' }));
    if (breaking.length > 0 && (!best || pathCount(breaking) < pathCount(best))) best = breaking;
  }
  // Only errors explain a loss on their own; a doubtful difference would understate it.
  if (best && pathCount(best) <= 3 && best.every((d) => env.level(d.kind, 'request') === 'error'))
    out.push(...best);
  else otherwise();
}

/** Deltas counted by the paths they stand for, as if every path had its own. */
function pathCount(deltas: readonly SchemaDelta[]): number {
  return deltas.reduce((n, d) => n + pathsOf(d), 0);
}
