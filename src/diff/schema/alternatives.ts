/**
 * A choice (`oneOf` / `anyOf`) and the choice it became, judged as a whole: does the set of values it admits widen (a value
 * outside every former alternative is now possible) or narrow (a value a former alternative admitted
 * fits no alternative now)? Branches that match on both sides — by `$ref` name or title, by
 * discriminator value, or by a type only one branch has — are compared with each other; every other
 * branch is checked against all the alternatives of the other side, so merging two branches into a
 * wider one or splitting one is judged by what it admits, not reported branch by branch. A schema
 * that became a choice, or a choice one schema, is judged in choice-and-schema.ts.
 */
import type { Place } from '../types.js';
import type { Branch } from './branches.js';
import { branches, labels, matchBranches, withoutNull } from './branches.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas } from './compare.js';
import { nest } from './delta-lists.js';
import { compatible, overlaps, sharedCoverage } from './coverage.js';
import type { Retarget } from './discriminator.js';
import type { Choice, SchemaView } from './view.js';
import { AT_ROOT } from './field-path.js';

/** Most comparisons one choice may spend on coverage; beyond it a branch counts as not covered. */
const MAX_COVERAGE_CHECKS = 400;

/**
 * Returns the labels of the alternatives it reported as added or removed between two choices: a
 * discriminator value that came or went with one of them is that same change (`compareDiscriminator`).
 * What became of null is said of the choice as a whole (`nullability`: what the whole choice
 * accepts), so the alternatives are judged without it — an alternative that only took on or gave up
 * null is no new or lost alternative, nor "may now be null" its news.
 */
export function compareAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  retargets: readonly Retarget[] = [],
): ReadonlySet<string> {
  const [bv, hv] = [withoutNull(b), withoutNull(h)];
  return sharedCoverage(env, MAX_COVERAGE_CHECKS, (budget) =>
    judgeAlternatives(env, bv, hv, direction, out, retargets, budget),
  );
}

/**
 * The further choices a value must also make (`SchemaView.moreChoices`), paired by what they are
 * (choice-pairs.ts): each judged as the first choice is, as that choice of the same schema (its other
 * keywords refine each alternative). One that came or went is an `allOf` member's news in all but
 * name, left to the alternatives it leaves (none compared here).
 */
export function compareMoreChoices(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  const count = Math.min(b.moreChoices?.length ?? 0, h.moreChoices?.length ?? 0);
  for (let i = 0; i < count; i++)
    compareAlternatives(
      env,
      asChoice(b, b.moreChoices![i]!),
      asChoice(h, h.moreChoices![i]!),
      direction,
      out,
    );
}

/** The view as if this were its one choice: its own keywords, these alternatives. */
function asChoice(view: SchemaView, choice: Choice): SchemaView {
  const origin = new Map(view.origin);
  origin.set('alternatives', choice.place);
  return {
    ...view,
    alternatives: choice.branches,
    exclusive: choice.exclusive,
    moreChoices: undefined,
    nullAlternatives: undefined,
    discriminator: undefined,
    origin,
  };
}

function judgeAlternatives(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
  retargets: readonly Retarget[],
  budget: { left: number },
): ReadonlySet<string> {
  const covers = (bv: SchemaView, hv: SchemaView, sense: SchemaDirection) =>
    budget.left-- > 0 && compatible(env, bv, hv, sense);
  const place = (view: SchemaView): Place => view.origin.get('alternatives') ?? view.place;
  const push = (kind: 'branch-added' | 'branch-removed', values: string) =>
    out.push({ kind, path: AT_ROOT, base: place(b), head: place(h), data: { values } });

  const bb = branches(env, 'base', b);
  const hb = branches(env, 'head', h);

  const { pairs, baseLeft, headLeft } = matchBranches(env, b, h, bb, hb);
  comparePairedAlternatives(env, pairs, direction, out, {
    retargets,
    labelled: bb.length > 1 || hb.length > 1,
    nullSaid: true,
  });
  if (direction === 'request' && !b.exclusive && h.exclusive && !h.discriminator) {
    const both = nowExclusive(env, b, h, pairs);
    if (both)
      out.push({
        kind: 'constraint-narrowed',
        path: AT_ROOT,
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
  options: { retargets: readonly Retarget[]; labelled: boolean; nullSaid?: boolean },
): void {
  for (const [x, y] of pairs) {
    // A discriminator value mapped to another schema is one change (discriminator-changed): the
    // former schema's properties gone and the new one's added are that change, not more of them.
    if (options.retargets.some((r) => r.from === x.label && r.to === y.label)) continue;
    const compared = compareSchemas(env, x.node, y.node, direction);
    const deltas = options.nullSaid ? compared.filter((d) => !ownNull(d)) : compared;
    if (options.labelled) nest(out, `<${x.label === y.label ? x.label : `${x.label}→${y.label}`}>`, deltas);
    else out.push(...deltas);
  }
}

/** An alternative's own null come or gone (not a field's inside it). */
const ownNull = (d: SchemaDelta) =>
  d.path === AT_ROOT && (d.kind === 'nullable-added' || d.kind === 'nullable-removed');

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
