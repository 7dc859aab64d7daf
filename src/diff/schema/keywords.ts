/**
 * The keyword-level comparisons of the schema compatibility core (`compare.ts`): each looks at one
 * family of keywords of a base and a head view and pushes deltas; none recurses into subschemas.
 * The discriminator's comparison, which does, is discriminator.ts.
 */
import { jsonValue, token, tokenOr } from '../../core/inert-text.js';
import type { SchemaDeltaKind } from './compare.js';
import type { SchemaView } from './view.js';
import type { ComparedTypes, TypeSet } from './compared-types.js';
import { LOWER, UPPER, typesWithin } from './view.js';
import type { Bound } from './view.js';
import { KEYWORD_VOCABULARY, bothMayHold } from './vocabulary.js';
import { patternRelation } from './pattern-anchors.js';
import { integerRangeChange, reachableLower, reachableUpper } from './reachable-bounds.js';
import type { IntegerRangeChange } from './reachable-bounds.js';

export type Push = (kind: SchemaDeltaKind, keyword: string, data?: Record<string, string>) => void;

/**
 * `types`: what each side can hold (its listed values' types; an untyped side's one vocabulary
 * against a typed side), not the `type` keyword alone: compared-types.ts.
 */
export function compareTypes(
  b: SchemaView,
  h: SchemaView,
  types: ComparedTypes,
  push: Push,
  /** Whether each side admits null, its alternatives' null counted (`admitsNull` in branches.ts). */
  nullable: readonly [boolean, boolean] = [b.nullable, h.nullable],
): void {
  const describe = (set: TypeSet | undefined) =>
    set ? [...set].sort().map(token).join(' | ') || 'nothing' : 'any';
  const [bTypes, hTypes] = types;
  // Described only when the sets differ: sorting and joining both sides' types for every schema
  // pair compared (nearly all the same) allocated for nothing.
  if ((bTypes || hTypes) && !sameTypes(bTypes, hTypes)) {
    const from = describe(bTypes);
    const to = describe(hTypes);
    if (from !== to) {
      const widened = !hTypes || (bTypes !== undefined && typesWithin(bTypes, hTypes));
      const narrowed = !bTypes || (hTypes !== undefined && typesWithin(hTypes, bTypes));
      push(widened ? 'type-widened' : narrowed ? 'type-narrowed' : 'type-changed', 'type', { from, to });
    }
  }
  if (nullable[0] !== nullable[1]) push(nullable[1] ? 'nullable-added' : 'nullable-removed', 'type');
}

function sameTypes(b: TypeSet | undefined, h: TypeSet | undefined): boolean {
  if (!b || !h || b.size !== h.size) return false;
  for (const t of b) if (!h.has(t)) return false;
  return true;
}

/**
 * OpenAPI 3.0 said a string of raw bytes with `format: binary` and a base64 one with `format: byte`;
 * 3.1 says them with `contentMediaType: application/octet-stream` and `contentEncoding: base64`
 * (its migration guide's replacements). The keywords a pair spells one way on each side are no
 * change; any other content type or encoding is a constraint of its own.
 */
const RESPELLINGS = [
  { format: 'binary', keyword: 'contentMediaType', value: 'application/octet-stream' },
  { format: 'byte', keyword: 'contentEncoding', value: 'base64' },
] as const;

function respelled(b: SchemaView, h: SchemaView): Set<'format' | 'contentMediaType' | 'contentEncoding'> {
  const same = new Set<'format' | 'contentMediaType' | 'contentEncoding'>();
  const spells = (x: SchemaView, y: SchemaView, r: (typeof RESPELLINGS)[number]) =>
    x.format === r.format && x[r.keyword] === undefined && y.format === undefined && y[r.keyword] === r.value;
  for (const r of RESPELLINGS)
    if (spells(b, h, r) || spells(h, b, r)) {
      same.add('format');
      same.add(r.keyword);
    }
  return same;
}

export function compareScalars(b: SchemaView, h: SchemaView, types: ComparedTypes, push: Push): void {
  const respelledKeywords = b.format !== h.format ? respelled(b, h) : undefined;
  for (const keyword of ['format', 'pattern'] as const) {
    if (respelledKeywords?.has(keyword as 'format')) continue;
    if (keyword === 'pattern' && b.pattern !== h.pattern && !bothMayHold(types, 'string')) continue;
    const from = b[keyword];
    const to = h[keyword];
    if (from === to) continue;
    // The same format written on both sides, restricting on the untyped one only (`int64` alone,
    // then beside the `type: integer` it implied): nothing changed.
    if (keyword === 'format' && (from !== undefined ? from === h.wireFormat : to === b.wireFormat)) continue;
    const range = keyword === 'format' ? integerRangeChange(b, h) : undefined;
    if (range !== undefined && !formatSaysRangeChange(from, to, range)) continue;
    // A pattern's slots are code spans in the checks' messages; a format is named bare.
    const shown = (v: string) => (keyword === 'format' ? token(v) : v);
    if (from === undefined) push(`${keyword}-added`, keyword, { to: shown(to!) });
    // int32 → int64, float → double: the head names a wider wire type, read as no restriction.
    else if (to === undefined && keyword === 'format' && h.wireFormat)
      push('format-widened', keyword, { from: token(from), to: token(h.wireFormat) });
    // int16 → int32: a format that admits every integer the former did and more.
    else if (to !== undefined && range === 'wider')
      push('format-widened', keyword, { from: token(from), to: token(to) });
    else if (to === undefined) push(`${keyword}-removed`, keyword, { from: shown(from) });
    else if (keyword === 'pattern') comparePatterns(from, to, push);
    else push(`${keyword}-changed`, keyword, { from: shown(from), to: shown(to) });
  }
  compareValueLists(b.enum, h.enum, 'enum', push);
  compareValueLists(b.extensibleEnum, h.extensibleEnum, 'extensibleEnum', push);
  const from = b.defaultValue?.json;
  const to = h.defaultValue?.json;
  if (from !== to) {
    if (from === undefined) push('default-added', 'default', { to: jsonValue(to!) });
    else if (to === undefined) push('default-removed', 'default', { from: jsonValue(from) });
    else push('default-changed', 'default', { from: jsonValue(from), to: jsonValue(to) });
  }
}

/**
 * Between integer formats (int8 … uint64, none read as int64) a format says a range, and the range
 * the written bounds leave is what a value must fit: `int32` dropped for `minimum: -2147483648,
 * maximum: 2147483647` admits the same integers, and is no change. The format's own finding speaks
 * only when it says the way the range moved (or the range moved both ways); a format that
 * "widened" while the bounds narrowed what is admitted is a narrowing, which the bounds' findings
 * already report (the bounds differ as written whenever the range moves against the format).
 */
function formatSaysRangeChange(
  from: string | undefined,
  to: string | undefined,
  range: IntegerRangeChange,
): boolean {
  if (range === 'same') return false;
  if (range === 'other') return true;
  const formatNarrows = from === undefined;
  const formatWidens = to === undefined;
  return range === 'narrower' ? !formatWidens : !formatNarrows;
}

/** Two patterns: anchors added or dropped are a narrowing or a widening (pattern-anchors.ts). */
function comparePatterns(from: string, to: string, push: Push): void {
  const relation = patternRelation(from, to);
  if (relation === 'same') return;
  const kind =
    relation === 'wider'
      ? 'pattern-widened'
      : relation === 'narrower'
        ? 'pattern-narrowed'
        : 'pattern-changed';
  push(kind, 'pattern', { from, to });
}

/**
 * `enum` (a closed list: adding a value widens, removing one narrows) or an extensible enum (an
 * open list consumers must expect to grow: only its own kinds, judged accordingly).
 */
function compareValueLists(
  b: Map<string, unknown> | undefined,
  h: Map<string, unknown> | undefined,
  keyword: 'enum' | 'extensibleEnum',
  push: Push,
): void {
  if (!b && !h) return;
  const prefix = keyword === 'enum' ? 'enum' : 'extensible-enum';
  if (keyword === 'enum' && !b) return push('enum-added', 'enum', { values: jsonList([...h!.keys()]) });
  if (keyword === 'enum' && !h) return push('enum-removed', 'enum', { values: jsonList([...b!.keys()]) });
  const added = [...(h?.keys() ?? [])].filter((k) => !b?.has(k));
  const removed = [...(b?.keys() ?? [])].filter((k) => !h?.has(k));
  if (added.length > 0)
    push(`${prefix}-value-added`, keyword, { values: jsonList(added), count: String(added.length) });
  if (removed.length > 0)
    push(`${prefix}-value-removed`, keyword, { values: jsonList(removed), count: String(removed.length) });
}

/** `contentMediaType` / `contentEncoding`: another encoding is neither wider nor narrower. */
export function compareContentEncoding(b: SchemaView, h: SchemaView, push: Push): void {
  for (const keyword of ['contentMediaType', 'contentEncoding'] as const) {
    const from = b[keyword];
    const to = h[keyword];
    if (from !== to && !respelled(b, h).has(keyword))
      push('constraint-changed', keyword, {
        keyword,
        from: tokenOr(from),
        to: tokenOr(to),
        detail: `${tokenOr(from)} → ${tokenOr(to)}`,
      });
  }
}

/**
 * The bound a schema has without writing it: no string, array or object is shorter than 0, and
 * `contains` asks for at least one match. `minLength: 0` written on one side only is no change.
 * (`minContains` is compared only when both sides have `contains`: see `compareBounds`.)
 */
function implicitLower(keyword: (typeof LOWER)[number]): Bound | undefined {
  if (keyword === 'minimum') return undefined;
  if (keyword === 'minContains') return AT_LEAST_ONE;
  return AT_LEAST_ZERO;
}

// Shared, never written to: asked for four keywords on each side of every schema pair compared.
const AT_LEAST_ZERO: Bound = Object.freeze({ value: 0, exclusive: false });
const AT_LEAST_ONE: Bound = Object.freeze({ value: 1, exclusive: false });

/** `types`: what each side can hold (compared-types.ts); a bound on values one side cannot hold is left out. */
export function compareBounds(b: SchemaView, h: SchemaView, types: ComparedTypes, push: Push): void {
  const applies = (keyword: keyof typeof KEYWORD_VOCABULARY) =>
    bothMayHold(types, KEYWORD_VOCABULARY[keyword]);
  const show = (bound: MaybeBound, upper: boolean) =>
    !bound
      ? 'none'
      : Number.isFinite(bound.value)
        ? `${bound.exclusive ? (upper ? '<' : '>') : ''}${bound.value}`
        : 'exclusive, without a value';
  // Texts only for a bound that changed: formatting ten bounds per schema pair compared, nearly all
  // equal, was most of this function's time (~5 ms of the GitHub pair).
  const report = (keyword: string, cmp: number, from: MaybeBound, to: MaybeBound, upper: boolean) => {
    if (cmp === 0) return;
    const [was, now] = [show(from, upper), show(to, upper)];
    push(cmp > 0 ? 'constraint-narrowed' : 'constraint-widened', keyword, {
      keyword,
      from: was,
      to: now,
      detail: `${was} → ${now}`,
    });
  };
  // Counts of matches compare only between two `contains`: when one side has none, `contains`
  // itself came or went (applicators.ts), and its counts are part of that one change.
  const counted = b.sub.contains !== undefined && h.sub.contains !== undefined;
  for (const keyword of LOWER) {
    if ((keyword === 'minContains' && !counted) || !applies(keyword)) continue;
    const from = b.lower[keyword] ?? implicitLower(keyword);
    const to = h.lower[keyword] ?? implicitLower(keyword);
    const reachable = () => [reachableLower(b, keyword, from), reachableLower(h, keyword, to)] as const;
    report(keyword, compareWritten(b, h, [from, to], reachable), from, to, false);
  }
  for (const keyword of UPPER) {
    if ((keyword === 'maxContains' && !counted) || !applies(keyword)) continue;
    const from = b.upper[keyword];
    const to = h.upper[keyword];
    // An upper bound is a lower bound on the negated value.
    const reachable = () =>
      [negate(reachableUpper(b, keyword, from)), negate(reachableUpper(h, keyword, to))] as const;
    report(keyword, compareWritten(b, h, [negate(from), negate(to)], reachable), from, to, true);
  }
  if (
    b.multipleOf !== h.multipleOf &&
    applies('multipleOf') &&
    !sameWholeNumbers(b, h) &&
    !sameWholeNumbers(h, b)
  ) {
    const from = b.multipleOf;
    const to = h.multipleOf;
    const widened = to === undefined || (from !== undefined && Number.isInteger(from / to));
    const narrowed = from === undefined || (to !== undefined && Number.isInteger(to / from));
    const text = { keyword: 'multipleOf', from: String(from ?? 'none'), to: String(to ?? 'none') };
    push(
      widened ? 'constraint-widened' : narrowed ? 'constraint-narrowed' : 'constraint-changed',
      'multipleOf',
      { ...text, detail: `${text.from} → ${text.to}` },
    );
  }
  if (b.uniqueItems !== h.uniqueItems && applies('uniqueItems'))
    push(h.uniqueItems ? 'constraint-narrowed' : 'constraint-widened', 'uniqueItems', {
      keyword: 'uniqueItems',
      from: String(b.uniqueItems),
      to: String(h.uniqueItems),
      detail: h.uniqueItems ? 'items must now be unique' : 'items may now repeat',
    });
}

type MaybeBound = { value: number; exclusive: boolean } | undefined;

/**
 * Two lower bounds as written, and when they differ, again as what each side leaves possible
 * (reachable-bounds.ts): a bound written where the format already implies it is no change. Only
 * then: a format that changed alone is the format's finding, not also one of its implied bounds.
 */
function compareWritten(
  b: SchemaView,
  h: SchemaView,
  written: readonly [MaybeBound, MaybeBound],
  reachable: () => readonly [MaybeBound, MaybeBound],
): number {
  if (compareNumericLower(b, h, ...written) === 0) return 0;
  return compareNumericLower(b, h, ...reachable());
}

/** >0 when `to` admits less than `from` (narrowed), <0 when more, 0 when the same. */
function compareLower(from: MaybeBound, to: MaybeBound): number {
  if (!from && !to) return 0;
  if (!from) return 1;
  if (!to) return -1;
  if (from.value !== to.value) return to.value > from.value ? 1 : -1;
  return from.exclusive === to.exclusive ? 0 : to.exclusive ? 1 : -1;
}

/**
 * `compareLower`, except that between integers `exclusiveMinimum: 0` is `minimum: 1`: bounds that
 * differ as written are compared again as the integers they admit (only then: this runs for every
 * schema pair compared).
 */
function compareNumericLower(b: SchemaView, h: SchemaView, from: MaybeBound, to: MaybeBound): number {
  const cmp = compareLower(from, to);
  return cmp !== 0 && integerOnly(b) && integerOnly(h)
    ? compareLower(integerLower(from), integerLower(to))
    : cmp;
}

/**
 * `multipleOf: 1` without a type (kept: it is what keeps the numbers whole) against an integer
 * without a step: both hold the integers, the type written one way and read the other.
 */
function sameWholeNumbers(stepped: SchemaView, other: SchemaView): boolean {
  return stepped.multipleOf === 1 && other.multipleOf === undefined && integerOnly(other);
}

function integerOnly(view: SchemaView): boolean {
  return view.types?.size === 1 && view.types.has('integer');
}

/** The least integer a lower bound admits, as an inclusive bound (`> 0` and `>= 0.5` are `>= 1`). */
function integerLower(bound: MaybeBound): MaybeBound {
  if (!bound || !Number.isFinite(bound.value)) return bound;
  const least = bound.exclusive ? Math.floor(bound.value) + 1 : Math.ceil(bound.value);
  return { value: least, exclusive: false };
}

function negate(bound: MaybeBound): MaybeBound {
  return bound ? { value: -bound.value, exclusive: bound.exclusive } : undefined;
}

/** Values written as JSON (an enum's), each made safe for a message (`jsonValue`). */
function jsonList(values: readonly string[]): string {
  return list(values.map(jsonValue));
}

/** At most five values, then how many more. */
export function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
