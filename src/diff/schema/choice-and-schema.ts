/**
 * One schema that became a choice (`oneOf` / `anyOf`), or a choice that became one schema, judged
 * as a whole: does the set of values admitted widen or narrow? Splitting a schema into alternatives
 * of its own values or types, or turning an open object into a choice of objects, is judged by what
 * it admits, not alternative by alternative.
 *
 * Null is said on its own, first (`nullable-added` / `-removed`), and the alternatives are then
 * judged as if neither side admitted it: 3.0's `nullable: true` beside the choice reaches every
 * alternative and 3.1's `{type: 'null'}` none of them, so judged with its null each alternative
 * would look new or lost for that null alone (Stripe's `{type: string}` →
 * `anyOf: [{type: string, maxLength: 5000}, {$ref: X}], nullable: true` is "may now be null" and
 * "now also `X`", not "now also `string #1`").
 */
import { code } from '../../core/inert-text.js';
import type { Place } from '../types.js';
import type { Branch } from './branches.js';
import { admitsNull, branches, labels, withoutNull } from './branches.js';
import type { SchemaDelta, SchemaDirection, SchemaEnv } from './compare.js';
import { compareViews } from './compare.js';
import { pathsOf } from './delta-lists.js';
import { breaksCoverage, compatible, overlaps, sharedCoverage } from './coverage.js';
import type { SchemaView } from './view.js';
import { typesDisjoint } from './compared-types.js';
import { AT_ROOT } from './field-path.js';

/** Most comparisons one choice may spend on coverage; beyond it a branch counts as not covered. */
const MAX_COVERAGE_CHECKS = 400;

export function compareChoiceWithSchema(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  out: SchemaDelta[],
): void {
  // Null counted wherever either side carries it, not only where their own words differ: the
  // alternatives are judged with null set aside below, so a null one alternative alone carries
  // (`anyOf: [{type: string, nullable: true}, …]` against `{type: string}`) is said here or nowhere.
  const bNull = admitsNull(env, 'base', b);
  const hNull = admitsNull(env, 'head', h);
  if (bNull !== hNull)
    out.push({
      kind: hNull ? 'nullable-added' : 'nullable-removed',
      path: AT_ROOT,
      base: b.origin.get('type') ?? b.place,
      head: h.origin.get('type') ?? h.place,
      data: {},
    });
  sharedCoverage(env, MAX_COVERAGE_CHECKS, (budget) => {
    const judge = new ChoiceJudge(env, withoutNull(b), withoutNull(h), out, budget);
    if (b.alternatives) judge.becameOne(direction);
    else judge.becameChoice(direction);
  });
}

/** The two sides (null set aside), their alternatives, and the coverage budget they share. */
class ChoiceJudge {
  readonly bb: Branch[];
  readonly hb: Branch[];

  constructor(
    private readonly env: SchemaEnv,
    private readonly b: SchemaView,
    private readonly h: SchemaView,
    private readonly out: SchemaDelta[],
    private readonly budget: { left: number },
  ) {
    this.bb = branches(env, 'base', b);
    this.hb = branches(env, 'head', h);
  }

  private covers(bv: SchemaView, hv: SchemaView, sense: SchemaDirection): boolean {
    return this.budget.left-- > 0 && compatible(this.env, bv, hv, sense);
  }

  private refines(bv: SchemaView, hv: SchemaView): boolean {
    return (
      this.budget.left-- > 0 &&
      compatible(this.env, bv, hv, 'response', { mode: 'describe', refinement: true })
    );
  }

  private push(kind: 'branch-added' | 'branch-removed', values: string): void {
    const place = (view: SchemaView): Place => view.origin.get('alternatives') ?? view.place;
    this.out.push({ kind, path: AT_ROOT, base: place(this.b), head: place(this.h), data: { values } });
  }

  /** One schema became a choice. */
  becameChoice(direction: SchemaDirection): void {
    const { env, b, h, hb } = this;
    const fits = (part: SchemaView, x: Branch) => this.covers(part, x.view, 'request');
    if (direction === 'response') {
      const wider = hb.filter((x) => !this.refines(b, x.view));
      if (wider.length > 0) this.push('branch-added', labels(wider));
      // Split into alternatives of its own values (`enum: [a, b]` → `oneOf: [{const: a}, …]`): the same.
      else if (!coveredByUnion(b, hb, fits))
        this.push('branch-removed', `values outside its new alternatives ${labels(hb)}`);
      return;
    }
    const home = hb.findIndex((x) => fits(b, x));
    if (home < 0) {
      // Of a schema of several values or types, only those no alternative takes whole need explaining.
      const lost = uncoveredPart(b, hb, fits);
      if (!lost) {
        // Split into alternatives of its own values and types only: the same values, nothing to say.
        const wider = hb.filter((x) => !this.refines(b, x.view));
        if (wider.length > 0) this.push('branch-added', labels(wider));
        return;
      }
      explainOrPush(env, lost, hb, 'request', this.out, (typesGone) =>
        this.push(
          'branch-removed',
          `${valuesOf(b, lost, typesGone)} that fit none of its new alternatives ${labels(hb)}`,
        ),
      );
      return;
    }
    const rivals =
      h.exclusive && !h.discriminator
        ? hb.filter((x, j) => j !== home && overlaps(env, b, x.view, false))
        : [];
    if (rivals.length > 0)
      this.out.push({
        kind: 'constraint-narrowed',
        path: AT_ROOT,
        base: b.place,
        head: h.origin.get('alternatives') ?? h.place,
        data: {
          keyword: 'oneOf',
          detail: `a value it accepted also matches ${labels(rivals)} besides ${labels([hb[home]!])}, and \`oneOf\` rejects a value that matches more than one alternative`,
        },
      });
    else this.push('branch-added', labels(hb.filter((_, j) => j !== home)));
  }

  /** A choice became one schema. */
  becameOne(direction: SchemaDirection): void {
    const { h, bb } = this;
    if (direction === 'response') {
      const home = bb.findIndex((x) => this.covers(x.view, h, 'response'));
      if (home >= 0) {
        if (bb.length > 1) this.push('branch-removed', labels(bb.filter((_, i) => i !== home)));
        return;
      }
      // Of a schema of several values or types, only those no alternative admitted are news.
      const news = uncoveredPart(h, bb, (part, x) => this.covers(x.view, part, 'response'));
      if (news)
        explainOrPush(this.env, news, bb, 'response', this.out, (typesGone) =>
          this.push(
            'branch-added',
            `${valuesOf(h, news, typesGone)} outside its former alternatives ${labels(bb)}`,
          ),
        );
      else {
        // Alternatives merged into one schema of their values (`oneOf: [{const: a}, {const: b}]`
        // → `enum: [a, b]`): nothing new to read; only alternatives it no longer admits are said.
        const lost = bb.filter((x) => !this.covers(x.view, h, 'request'));
        if (lost.length > 0) this.push('branch-removed', labels(lost));
      }
      return;
    }
    const lost = bb.filter((x) => !this.covers(x.view, h, 'request'));
    if (lost.length > 0) this.push('branch-removed', labels(lost));
  }
}

/** Whether `part` (the schema or a part of it) fits in `branch`, in the sense the caller asks. */
type Fits = (part: SchemaView, branch: Branch) => boolean;

/**
 * Whether the alternatives of a choice on the other side together admit a schema: one of them
 * `fits` it whole (the same object, beside one refined into another shape), or its parts are each
 * fitted (`uncoveredPart`).
 */
function coveredByUnion(whole: SchemaView, alternatives: readonly Branch[], fits: Fits): boolean {
  return alternatives.some((x) => fits(whole, x)) || uncoveredPart(whole, alternatives, fits) === undefined;
}

/**
 * A schema of several values against the alternatives of a choice on the other side: what of it no
 * alternative `fits` — the enum values (`enum: [a, b, c]` against `oneOf: [{const: a}, {const: b}]`:
 * `c` alone) or the types (`type: [number, object]` against `anyOf: [number, {object, required:
 * [id]}]`: the object part alone) left over; undefined when every value or type fits one
 * (`string | integer` and `oneOf: [string, integer]`). Of one type and no enum it has no parts: it
 * is left whole.
 */
function uncoveredPart(
  whole: SchemaView,
  alternatives: readonly Branch[],
  fits: Fits,
): SchemaView | undefined {
  const fitted = (part: SchemaView) => alternatives.some((x) => fits(part, x));
  if (whole.enum && whole.enum.size > 0 && whole.enum.size <= 50) {
    const left = [...whole.enum].filter((value) => !fitted({ ...whole, enum: new Map([value]) }));
    if (left.length === 0) return undefined;
    return left.length < whole.enum.size ? { ...whole, enum: new Map(left) } : whole;
  }
  if (whole.types && whole.types.size > 1) {
    const left = [...whole.types].filter((t) => !fitted({ ...whole, types: new Set([t]) }));
    if (left.length === 0) return undefined;
    return left.length < whole.types.size ? { ...whole, types: new Set(left) } : whole;
  }
  return whole;
}

/**
 * The values a part of a schema stands for: named by the part's types when only those are left over
 * (`` `boolean` values `` of `type: [string, integer, boolean]`) or when no alternative has any of
 * them (`` `string` values `` of a `string` that became `oneOf: [integer, boolean]`); else `values`.
 */
function valuesOf(whole: SchemaView, part: SchemaView, typesGone: boolean): string {
  if (!part.types) return 'values';
  const leftOver = part !== whole && !!whole.types && part.types.size < whole.types.size;
  return typesGone || leftOver ? `${[...part.types].map(code).join(', ')} values` : 'values';
}

/**
 * One schema and the choice on the other side that does not cover it — a request's schema that
 * became a choice which no longer admits all of it, a response's choice that became a schema which
 * admits more: say why, with what breaks against the closest alternative (a property that became
 * required, properties now closed, a bound widened), when that is a short list; else in general terms.
 */
function explainOrPush(
  env: SchemaEnv,
  one: SchemaView,
  alternatives: readonly Branch[],
  sense: SchemaDirection,
  out: SchemaDelta[],
  /** Says it in general terms; `typesGone`: no alternative shares a type with the schema. */
  otherwise: (typesGone: boolean) => void,
): void {
  let best: SchemaDelta[] | undefined;
  // An alternative that is itself a choice explains nothing field by field, and comparing the schema
  // with it would come back here: through `$ref`s that lead to each other (N: anyOf [M, …], M: anyOf
  // [N, …]) without end. Such an alternative counts in what is covered; it is not an explanation.
  const plain = alternatives.filter((x) => !x.view.alternatives);
  // An alternative of other types explains nothing but that it is another type: when one shares a
  // type with the schema, the others are left out.
  const otherType = (x: Branch) => !!one.types && !!x.view.types && typesDisjoint([one.types, x.view.types]);
  // When none shares one, the values of the schema's type are simply gone from (or new to) the
  // choice: comparing them with an alternative of another type would say a type "changed" into one
  // the schema already had (`type: [string, integer, boolean]` → `oneOf: [string, integer]` is not
  // "boolean became string"; its boolean values fit no alternative any more).
  const candidates = plain.filter((x) => !otherType(x));
  if (one.types && candidates.length === 0 && plain.length > 0) return otherwise(true);
  for (const x of candidates.slice(0, 20)) {
    const deltas: SchemaDelta[] = [];
    env.depth++;
    try {
      // Base to head: the schema that was to the alternative it became, or the alternative to it.
      if (sense === 'request') compareViews(env, one, x.view, sense, deltas, true);
      else compareViews(env, x.view, one, sense, deltas, true);
    } finally {
      env.depth--;
    }
    const breaking = deltas.filter((d) => breaksCoverage(env, d, sense, { mode: 'describe' }));
    if (breaking.length > 0 && (!best || pathCount(breaking) < pathCount(best))) best = breaking;
  }
  // Only errors explain a change on their own; a doubtful difference would understate it.
  if (best && pathCount(best) <= 3 && best.every((d) => env.level(d.kind, sense) === 'error'))
    out.push(...best);
  else otherwise(false);
}

/** Deltas counted by the paths they stand for, as if every path had its own. */
function pathCount(deltas: readonly SchemaDelta[]): number {
  return deltas.reduce((n, d) => n + pathsOf(d), 0);
}
