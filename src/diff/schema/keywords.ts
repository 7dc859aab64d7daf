/**
 * The keyword-level comparisons of the schema compatibility core (`compare.ts`): each looks at one
 * family of keywords of a base and a head view and pushes deltas; none recurses into subschemas
 * except to learn whether two discriminator mapping targets still describe the same thing.
 */
import { jsonValue, token, tokenOr } from '../../core/inert-text.js';
import type { SchemaDeltaKind, SchemaDirection, SchemaEnv } from './compare.js';
import { compareSchemas } from './compare.js';
import type { SchemaView } from './view.js';
import { isRecord } from '../json.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';
import { inheritors } from './inheritors.js';
import type { ComparedTypes, TypeSet } from './compared-types.js';
import { LOWER, UPPER, typesWithin } from './view.js';
import type { Bound } from './view.js';
import { KEYWORD_VOCABULARY, bothMayHold } from './vocabulary.js';
import { patternRelation } from './pattern-anchors.js';

export type Push = (kind: SchemaDeltaKind, keyword: string, data?: Record<string, string>) => void;

/**
 * `types`: what each side can hold (its listed values' types; an untyped side's one vocabulary
 * against a typed side), not the `type` keyword alone: compared-types.ts.
 */
export function compareTypes(b: SchemaView, h: SchemaView, types: ComparedTypes, push: Push): void {
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
  if (b.nullable !== h.nullable) push(h.nullable ? 'nullable-added' : 'nullable-removed', 'type');
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
    // A pattern's slots are code spans in the checks' messages; a format is named bare.
    const shown = (v: string) => (keyword === 'format' ? token(v) : v);
    if (from === undefined) push(`${keyword}-added`, keyword, { to: shown(to!) });
    // int32 → int64, float → double: the head names a wider wire type, read as no restriction.
    else if (to === undefined && keyword === 'format' && h.wireFormat)
      push('format-widened', keyword, { from: token(from), to: token(h.wireFormat) });
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
    report(keyword, compareNumericLower(b, h, from, to), from, to, false);
  }
  for (const keyword of UPPER) {
    if ((keyword === 'maxContains' && !counted) || !applies(keyword)) continue;
    const from = b.upper[keyword];
    const to = h.upper[keyword];
    // An upper bound is a lower bound on the negated value.
    report(keyword, compareNumericLower(b, h, negate(from), negate(to)), from, to, true);
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

/**
 * The discriminator property, and its mapping: values added or removed, and values whose target
 * changed (`retargets`, from `retargetedValues`).
 */
export function compareDiscriminator(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
  push: Push,
  retargets: readonly Retarget[],
  branchesReported: ReadonlySet<string> = new Set(),
): void {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd && !hd) return;
  if (!bd || !hd || bd.propertyName !== hd.propertyName) {
    // Adding or dropping a discriminator over the same alternatives changes no value's validity.
    if (!bd?.propertyName || !hd?.propertyName) return;
    push('discriminator-changed', 'discriminator', {
      detail: `property from ${token(bd.propertyName)} to ${token(hd.propertyName)}`,
    });
    return;
  }
  // A value that came or went with its alternative is that alternative's change, reported already.
  const own = (target: string) => !branchesReported.has(targetName(target));
  const bm = selectable(b, discriminatorValues(bd.mapping, implicitTargets(env.base, b, bd.place)));
  const hm = selectable(h, discriminatorValues(hd.mapping, implicitTargets(env.head, h, hd.place)));
  const added = [...hm.keys()].filter((k) => !bm.has(k) && own(hm.get(k)!));
  const removed = [...bm.keys()].filter((k) => !hm.has(k) && own(bm.get(k)!));
  if (added.length > 0)
    push('discriminator-mapping-added', 'discriminator', { values: list(added.map(token)) });
  if (removed.length > 0)
    push('discriminator-mapping-removed', 'discriminator', { values: list(removed.map(token)) });
  if (retargets.length > 0)
    push('discriminator-changed', 'discriminator', {
      detail: `${retargets.length === 1 ? 'value' : 'values'} ${list(retargets.map((r) => `${token(r.value)} from ${token(r.from)} to ${token(r.to)}`))}`,
    });
}

/** A discriminator value mapped to another schema: its former target's name and its new one's. */
export interface Retarget {
  value: string;
  from: string;
  to: string;
}

/**
 * The discriminator values (same property on both sides) whose mapping names another schema that
 * breaks what the former one allowed — unless the new target describes the same thing (a schema
 * renamed with its mapping updated is no change). One change: the alternatives the value selected
 * are not compared again (`compareAlternatives`), their properties are that change.
 */
export function retargetedValues(
  env: SchemaEnv,
  b: SchemaView,
  h: SchemaView,
  direction: SchemaDirection,
): Retarget[] {
  const bd = b.discriminator;
  const hd = h.discriminator;
  if (!bd?.propertyName || bd.propertyName !== hd?.propertyName) return [];
  return [...bd.mapping.keys()].flatMap((value) => {
    const from = bd.mapping.get(value)!;
    const to = hd.mapping.get(value);
    if (to === undefined || to === from) return [];
    const bt = env.base.resolve(bd.place.file, mappingRef(from), bd.place.pointer);
    const ht = env.head.resolve(hd.place.file, mappingRef(to), hd.place.pointer);
    const breaks =
      !bt || !ht || compareSchemas(env, bt, ht, direction).some((d) => env.breaks(d.kind, direction));
    return breaks ? [{ value, from: targetName(from), to: targetName(to) }] : [];
  });
}

/**
 * The values the discriminator property may take, each with the schema it selects: the explicit
 * `mapping`, and the implicit one — a schema no mapping entry names is selected by its name (`Cat`
 * for `#/components/schemas/Cat`). Dropping a mapping thus changes the values (`cat` → `Cat`), on
 * the wire, though the schemas stay the same.
 */
function discriminatorValues(
  mapping: ReadonlyMap<string, string>,
  implicit: readonly string[],
): ReadonlyMap<string, string> {
  const out = new Map(mapping);
  const mapped = new Set([...mapping.values()].map(targetName));
  for (const ref of implicit) {
    const name = targetName(ref);
    if (!mapped.has(name) && !out.has(name)) out.set(name, ref);
  }
  return out;
}

/**
 * The values a value of this schema may carry: all of them where the discriminator is written, but
 * a component schema that inherits it through `allOf` (`Cat` extending `Pet`) is selected by its own
 * values only — the values of its siblings are none of its consumers' concern.
 */
function selectable(view: SchemaView, values: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const d = view.discriminator!.place;
  const holder = d.pointer.slice(0, d.pointer.lastIndexOf('/'));
  const own = /^\/components\/schemas\/[^/]+$/.exec(view.place.pointer);
  if (!own || (view.place.file === d.file && view.place.pointer === holder)) return values;
  const name = targetName(view.place.pointer);
  return new Map([...values].filter(([, target]) => targetName(target) === name));
}

/**
 * The schemas a discriminator selects by name unless mapped: the `$ref`ed `oneOf`/`anyOf` branches,
 * or, on a schema without them, the schemas that extend it through `allOf` (inheritors.ts).
 */
function implicitTargets(scope: RefScope, view: SchemaView, discriminator: Place): string[] {
  if (!view.alternatives) return [...inheritors(scope, discriminator).values()];
  return view.alternatives.flatMap((branch) => {
    const ref = isRecord(branch.value) ? branch.value.$ref : undefined;
    return typeof ref === 'string' ? [ref] : [];
  });
}

/** The schema a mapping value names, as a branch `$ref` is labelled (`#/components/schemas/Cat` → Cat). */
function targetName(value: string): string {
  const ref = mappingRef(value);
  return decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
}

/** A mapping value is a reference or, by the spec, a bare schema name. */
function mappingRef(value: string): string {
  return value.includes('#') || value.includes('/') || value.includes('.')
    ? value
    : `#/components/schemas/${value}`;
}

/** Values written as JSON (an enum's), each made safe for a message (`jsonValue`). */
function jsonList(values: readonly string[]): string {
  return list(values.map(jsonValue));
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
