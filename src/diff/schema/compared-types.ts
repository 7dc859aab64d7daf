/**
 * The types the type comparison (`compareTypes`, and whether two sides share no value) reads for a
 * pair of views: what each side can really hold, not only what its `type` keyword says.
 *
 * - `enum` / `const` list the values exactly: a side holds the types of its listed values that its
 *   `type` admits. `{enum: [a, b]}` and `{type: string, enum: [a, b]}` accept the same values;
 *   `{type: [string, integer], enum: [a]}` holds strings only (see `listedTypes` for when).
 * - A side without `type` or values whose keywords belong to one type's vocabulary only
 *   (`properties`, `required`… are an object's; `items`, `minItems`… an array's; `minLength`,
 *   `maxLength`, `pattern` a string's; `minimum`, `multipleOf`… a number's) is read as that type
 *   when the other side states one. Strictly JSON Schema lets `{properties: {…}}` accept a string
 *   too, but every generator and every reader of a description takes it for an object: an author
 *   who writes out `type: object` (or drops it, keeping the properties) changes nothing anyone
 *   relies on, and reporting it was noise on most real releases. Keywords of two vocabularies, or
 *   none, still say "any"; when neither side states a type the sides are left as written (no type
 *   change is invented between two untyped schemas).
 */
import type { SchemaView } from './view.js';
import { isRecord } from '../json.js';
import type { Vocabulary } from './vocabulary.js';
import { KEYWORD_VOCABULARY } from './vocabulary.js';
import type { SchemaDialect } from '../ref-scope.js';
import { keywordsOfDialect } from './dialect-keywords.js';

/** Never written to once built: a view's own set may be returned. */
export type TypeSet = Set<string>;

/** The base and head types to compare; undefined means any. */
export type ComparedTypes = [TypeSet | undefined, TypeSet | undefined];

/**
 * Read once per schema pair: the type comparison and the disjointness test both take it. The
 * dialects are each side's: a keyword a dialect does not define (draft-07 `prefixItems`) implies
 * no type there, as it constrains nothing.
 */
export function comparedTypes(
  b: SchemaView,
  h: SchemaView,
  dialects: { base: SchemaDialect; head: SchemaDialect } = { base: '2020-12', head: '2020-12' },
): ComparedTypes {
  const listed = listedTypes(b, h);
  if (listed) return listed;
  if (b.types && !h.types) return [b.types, impliedType(h, dialects.head)];
  if (h.types && !b.types) return [impliedType(b, dialects.base), h.types];
  return [b.types, h.types];
}

/**
 * Both sides hold types and no non-null value is valid on both (`integer` is a `number`): the type
 * change is then all there is to say.
 */
export function typesDisjoint([bTypes, hTypes]: ComparedTypes): boolean {
  return bTypes !== undefined && hTypes !== undefined && typesShareNothing(bTypes, hTypes);
}

/**
 * Both sides list their values: the types of the listed values each `type` admits, when the lists
 * are the same (then a type added or dropped is all that changed which values are valid) or when
 * those types share nothing. Where the lists differ, the `enum` comparison says which values came
 * and went, and a type that only follows from them would say it twice: the `type` keywords are
 * compared then (a view without `type` already holds its values' types), as with one list only.
 */
function listedTypes(b: SchemaView, h: SchemaView): [TypeSet, TypeSet] | undefined {
  if (!b.enum?.size || !h.enum?.size) return undefined;
  const base = heldTypes(b, b.enum);
  const head = heldTypes(h, h.enum);
  return sameValues(b.enum, h.enum) || typesShareNothing(base, head) ? [base, head] : undefined;
}

function heldTypes(view: SchemaView, values: Map<string, unknown>): TypeSet {
  const held = new Set<string>();
  for (const value of values.values()) {
    const t = jsonType(value);
    if (!view.types || admits(view.types, t)) held.add(t);
  }
  return held;
}

function sameValues(b: Map<string, unknown>, h: Map<string, unknown>): boolean {
  if (b.size !== h.size) return false;
  for (const key of b.keys()) if (!h.has(key)) return false;
  return true;
}

const admits = (types: TypeSet, t: string) => types.has(t) || (t === 'integer' && types.has('number'));

function typesShareNothing(b: TypeSet, h: TypeSet): boolean {
  if (b.size === 0 || h.size === 0) return false;
  for (const t of b) if (admits(h, t)) return false;
  for (const t of h) if (admits(b, t)) return false;
  return true;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Keywords, as written in the schema object itself, that belong to one type. The view keeps most
 * of them (merged across `allOf` members and `$ref` siblings), but reads some written forms as
 * nothing: `properties: {}`, `additionalProperties: true` or `{}`, `items: {}`, a pattern that
 * matches anything. Those still say which type the author meant.
 */
const VOCABULARY: ReadonlyMap<string, Vocabulary> = new Map(Object.entries(KEYWORD_VOCABULARY));

/**
 * The type a `format` is defined for (JSON Schema 2020-12 §7.3 and the OpenAPI format registry):
 * an instance of another type passes the format, but no author writes `format: date-time` for
 * anything but a string, nor `int64` for anything but an integer, and every generator reads them so.
 * A format outside the registries says nothing of the type.
 */
const FORMAT_TYPES: ReadonlyMap<string, Vocabulary | 'integer'> = new Map<string, Vocabulary | 'integer'>([
  ...(
    [
      'date-time',
      'date',
      'time',
      'duration',
      'email',
      'idn-email',
      'hostname',
      'idn-hostname',
      'ipv4',
      'ipv6',
      'uri',
      'uri-reference',
      'iri',
      'iri-reference',
      'uuid',
      'uri-template',
      'json-pointer',
      'relative-json-pointer',
      'regex',
      'byte',
      'binary',
      'password',
    ] as const
  ).map((f) => [f, 'string'] as const),
  ['int32', 'integer'],
  ['int64', 'integer'],
  ['float', 'number'],
  ['double', 'number'],
]);

/** The one type whose vocabulary the untyped view uses, or undefined (none, or several). */
function impliedType(view: SchemaView, dialect: SchemaDialect): TypeSet | undefined {
  const found = new Set<Vocabulary>();
  let integer = false;
  if (isRecord(view.node.value)) noteKeywords(keywordsOfDialect(view.node.value, dialect), found);
  for (const vocabulary of mergedVocabularies(view)) found.add(vocabulary);
  const byFormat = view.format === undefined ? undefined : FORMAT_TYPES.get(view.format);
  if (byFormat === 'integer') integer = true;
  if (byFormat) found.add(byFormat === 'integer' ? 'number' : byFormat);
  if (found.size !== 1) return undefined;
  const [only] = found;
  // A whole step keeps numbers whole: `{multipleOf: 1}` holds what `type: integer` does.
  if (only === 'number' && (integer || (view.multipleOf !== undefined && Number.isInteger(view.multipleOf))))
    return new Set(['integer']);
  return new Set([only!]);
}

/** The vocabularies of the keywords written in one schema object, and of its `format`. */
function noteKeywords(value: Record<string, unknown>, found: Set<Vocabulary>): void {
  for (const key in value) {
    const vocabulary = VOCABULARY.get(key);
    if (vocabulary) found.add(vocabulary);
  }
}

/**
 * The type one schema object, as written, holds for pairing choices' branches (branches.ts): its
 * `type` (a list sorted, joined by `|`), else the one type its keywords and `format` imply, as
 * `impliedType` reads a view; undefined when neither says one.
 */
export function writtenTypeKey(
  value: Record<string, unknown>,
  dialect: SchemaDialect = '2020-12',
): string | undefined {
  const type = value.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return [...type].map(String).sort().join('|');
  const found = new Set<Vocabulary>();
  noteKeywords(keywordsOfDialect(value, dialect), found);
  const byFormat = typeof value.format === 'string' ? FORMAT_TYPES.get(value.format) : undefined;
  if (byFormat) found.add(byFormat === 'integer' ? 'number' : byFormat);
  if (found.size !== 1) return undefined;
  const [only] = found;
  const whole = typeof value.multipleOf === 'number' && Number.isInteger(value.multipleOf);
  return only === 'number' && (byFormat === 'integer' || whole) ? 'integer' : only;
}

/** The vocabularies the merged view shows (what `allOf` members and `$ref` siblings contributed). */
function* mergedVocabularies(view: SchemaView): Generator<Vocabulary> {
  if (
    view.properties.size > 0 ||
    view.required.size > 0 ||
    view.additional !== 'open' ||
    view.patternProperties ||
    view.dependentRequired ||
    view.dependentSchemas ||
    view.sub.propertyNames ||
    view.lower.minProperties ||
    view.upper.maxProperties
  )
    yield 'object';
  if (
    view.items ||
    view.prefixItems ||
    view.itemsClosed ||
    view.uniqueItems ||
    view.sub.contains ||
    view.lower.minItems ||
    view.upper.maxItems
  )
    yield 'array';
  if (view.pattern !== undefined || view.lower.minLength || view.upper.maxLength) yield 'string';
  if (view.lower.minimum || view.upper.maximum || view.multipleOf !== undefined) yield 'number';
}
