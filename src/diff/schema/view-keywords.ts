/**
 * How one schema object's keywords go into a view (see view.ts): first writer wins, `allOf` members
 * intersect (types, bounds, enums), and a `oneOf`/`anyOf` whose other branches only admit `null` is
 * read as its one non-null branch.
 */
import { appendPointer, segment } from '../pointers.js';
import type { SchemaDialect } from '../ref-scope.js';
import { noteNull, nullStance } from './nullability.js';
import { readAlternatives } from './view-choices.js';
import type { Place } from '../types.js';
import type { Bound, SchemaNode, SchemaView, ViewOptions } from './view.js';
import { isRecord } from '../json.js';
import { keywordsOfDialect } from './dialect-keywords.js';
import { admitsAnything } from './admits-anything.js';
import {
  ADDITIONAL,
  ALTERNATIVES,
  ARRAY,
  BOUNDS,
  keywordGroups,
  LOWER,
  OBJECT,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMAS,
  TYPES,
  UPPER,
  VALUES,
} from './keyword-groups.js';

type Json = Record<string, unknown>;

/**
 * A `$ref` to a place in the same file, for a schema made up of others (a `%` in the pointer is
 * escaped: a fragment is URI-encoded, and the resolver decodes it).
 */
export function localRef(place: Place): { $ref: string } {
  return { $ref: `#${place.pointer.replace(/%/g, '%25')}` };
}

/**
 * A property written in two places merged into one view (allOf members, a `$ref` and its siblings):
 * an instance must satisfy both, so it is their `allOf`, as a node at a place no document has
 * (the segments `allOf`, `*`, `properties`, the name, under the view's own place: no index is `*`,
 * messages still name the field, and it is the same on both sides of a diff) whose members are
 * `$ref`s to the definitions, so every keyword keeps the place it is written and the merged node is
 * unchanged only while each definition is. Definitions in different files keep the first (a
 * `$ref` is resolved relative to the file that holds it).
 */
function bothDefinitions(view: SchemaView, name: string, known: SchemaNode, own: SchemaNode): SchemaNode {
  if (known.file !== own.file) return known;
  const merged = appendPointer(view.place.pointer, 'allOf', '*', 'properties', name);
  const parts =
    known.pointer === merged && isRecord(known.value) && Array.isArray(known.value.allOf)
      ? [...known.value.allOf, localRef(own)]
      : [localRef(known), localRef(own)];
  return { file: own.file, pointer: merged, value: { allOf: parts } };
}

/**
 * One schema object being merged into a view: the steps below share it instead of closures, so a
 * call allocates one small object rather than three functions (this runs once per schema object a
 * diff compares).
 */
export interface Merge {
  view: SchemaView;
  node: SchemaNode;
  s: Json;
  dialect: SchemaDialect;
}

/** The place of one of the schema object's keywords. */
function at(m: Merge, keyword: string): Place {
  return { file: m.node.file, pointer: appendPointer(m.node.pointer, keyword) };
}

/** The subschema under a keyword (its value read only for the keyword itself, not deeper). */
function child(m: Merge, keyword: string, ...more: (string | number)[]): SchemaNode {
  return {
    file: m.node.file,
    pointer: appendPointer(m.node.pointer, keyword, ...more),
    value: more.length === 0 ? m.s[keyword] : undefined,
  };
}

/** True when no earlier schema object wrote the keyword: this one's place is then its origin. */
function firstWins(m: Merge, keyword: string): boolean {
  if (m.view.origin.has(keyword)) return false;
  m.view.origin.set(keyword, at(m, keyword));
  return true;
}

/**
 * Merges one schema object's keywords into the view (first writer wins, allOf members intersect).
 * Returns the one non-null branch of a `oneOf`/`anyOf` whose other branches only admit `null`
 * (`oneOf: [{$ref: X}, {type: 'null'}]` is X, nullable): the caller merges it like an allOf member.
 */
export function mergeKeywords(
  view: SchemaView,
  node: SchemaNode,
  written: Json,
  options: ViewOptions,
  /** How the schema reads: keywords beside a property's `$ref`, `nullable`, null across objects. */
  dialect: SchemaDialect = '2020-12',
  /** Whether what it says of null counts (not in the one non-null branch of a nullable choice). */
  nullCounts = true,
): SchemaNode | undefined {
  const s = keywordsOfDialect(written, dialect);
  const m: Merge = { view, node, s, dialect };
  const groups = keywordGroups(s);
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (groups & TYPES) {
    const types =
      typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
    if (nullCounts) noteNull(view, nullStance(s, types, values, dialect), dialect);
    if (types) readTypes(m, types);
    // 3.0 `nullable`; Swagger 2.0 had none, and tools wrote `x-nullable` (what 3.0 converters read).
    if (dialect === '3.0' && (s.nullable === true || s['x-nullable'] === true) && !view.origin.has('type'))
      view.origin.set('type', at(m, 'nullable'));
  }
  if (groups & VALUES) {
    if (typeof s.format === 'string' && firstWins(m, 'format')) view.format = s.format;
    if (typeof s.contentMediaType === 'string' && firstWins(m, 'contentMediaType'))
      view.contentMediaType = s.contentMediaType;
    if (typeof s.contentEncoding === 'string' && firstWins(m, 'contentEncoding'))
      view.contentEncoding = s.contentEncoding;
    if (typeof s.pattern === 'string' && firstWins(m, 'pattern')) view.pattern = s.pattern;
    if (values && firstWins(m, Array.isArray(s.enum) ? 'enum' : 'const')) view.enum = allowed(m, values);
  }
  const extensible = options.extensibleEnum ? s[options.extensibleEnum] : undefined;
  if (Array.isArray(extensible) && firstWins(m, 'extensibleEnum')) view.extensibleEnum = valueSet(extensible);
  if (groups & BOUNDS) readBounds(m);
  if (typeof s.multipleOf === 'number' && firstWins(m, 'multipleOf')) view.multipleOf = s.multipleOf;
  if (s.uniqueItems === true && firstWins(m, 'uniqueItems')) view.uniqueItems = true;
  if (isRecord(s.properties)) {
    // `for…in`, not Object.entries: no array of pairs per schema object (a parsed JSON object has
    // only own enumerable keys, `__proto__` included, as Object.entries lists them).
    const properties = s.properties;
    const under = appendPointer(node.pointer, 'properties');
    for (const name in properties) readProperty(m, under, name, properties[name], dialect === '2020-12');
  }
  if (Array.isArray(s.required)) readRequired(m, s.required);
  if (groups & ADDITIONAL) readAdditional(m);
  if (groups & ARRAY) readArrayKeywords(m);
  if (groups & OBJECT) readObjectKeywords(m);
  if (groups & SUBSCHEMAS) readSubschemas(m);
  const single = groups & ALTERNATIVES ? readAlternatives(m, nullCounts) : undefined;
  if (isRecord(s.discriminator) && firstWins(m, 'discriminator'))
    view.discriminator = discriminator(s.discriminator, at(m, 'discriminator'));
  if ('default' in s && firstWins(m, 'default')) view.defaultValue = { json: JSON.stringify(s.default) };
  if (s.readOnly === true) view.readOnly = true;
  if (s.writeOnly === true) view.writeOnly = true;
  return single;
}

/**
 * `type` less `null` (that is nullability; a type of only `null` stays), intersected across allOf
 * members, where `integer` satisfies a `number` member.
 */
function readTypes(m: Merge, types: string[]): void {
  const { view } = m;
  const nonNull = types.filter((t) => t !== 'null');
  const own = new Set(nonNull.length > 0 ? nonNull : types.length > 0 ? ['null'] : []);
  view.types = view.types ? intersectTypes(view.types, own) : own;
  if (!view.origin.has('type')) view.origin.set('type', at(m, 'type'));
}

/** The allowed values (`enum`, or `const` as a one-value enum), their origin noted under `enum`. */
function allowed(m: Merge, values: unknown[]): Map<string, unknown> {
  m.view.origin.set('enum', at(m, Array.isArray(m.s.enum) ? 'enum' : 'const'));
  return valueSet(values);
}

/** Values by their JSON text, `null` left out (nullability is read apart). */
function valueSet(values: readonly unknown[]): Map<string, unknown> {
  const set = new Map<string, unknown>();
  for (const v of values) if (v !== null) set.set(JSON.stringify(v), v);
  return set;
}

function readBounds(m: Merge): void {
  const counts = containsCounts(m.s);
  for (const keyword of LOWER) {
    if (keyword === 'minContains' && !counts) continue;
    const bound = readBound(m.s, keyword);
    if (bound && firstWins(m, keyword)) m.view.lower[keyword] = bound;
  }
  for (const keyword of UPPER) {
    if (keyword === 'maxContains' && !counts) continue;
    const bound = readBound(m.s, keyword);
    if (bound && firstWins(m, keyword)) m.view.upper[keyword] = bound;
  }
}

/**
 * Whether this schema object's `contains` asks anything of an array. `minContains`/`maxContains`
 * have no effect without a `contains` beside them (JSON Schema 2020-12, validation §6.4.4–5), and
 * `contains` with `minContains: 0` and no `maxContains` passes every array: either way the object
 * says nothing about the array's items, and writing or dropping it changes no valid value.
 */
function containsCounts(s: Json): boolean {
  return s.contains !== undefined && !(s.minContains === 0 && s.maxContains === undefined);
}

/**
 * A property, merged with a definition of the same name already in the view. `under` is the pointer
 * of the `properties` keyword holding it, built once for all its properties.
 */
function readProperty(
  { view, node }: Merge,
  under: string,
  name: string,
  prop: unknown,
  refSiblings: boolean,
): void {
  // `id: { $ref: Id, readOnly: true }` is read-only only where siblings count (3.1).
  const flags = isRecord(prop) && (refSiblings || typeof prop.$ref !== 'string') ? prop : undefined;
  const own = { file: node.file, pointer: under + '/' + segment(name), value: prop };
  const known = view.properties.get(name);
  // Beside the property only: following each property's `$ref` for flags its target may set cost
  // ~15 ms (4%) of the GitHub pair's comparison, which this runs for every property of every view.
  // Where a finding depends on them, compareObject reads them where defined (definedVisibility).
  view.properties.set(name, {
    node: known ? bothDefinitions(view, name, known.node, own) : own,
    readOnly: (known?.readOnly ?? false) || flags?.readOnly === true,
    writeOnly: (known?.writeOnly ?? false) || flags?.writeOnly === true,
  });
}

function readRequired(m: Merge, required: unknown[]): void {
  const { view } = m;
  // One place for the whole list, shared by its names (a place per name was 2 ms of the GitHub pair).
  const list = at(m, 'required');
  for (const r of required) if (typeof r === 'string' && !view.required.has(r)) view.required.set(r, list);
  if (!view.origin.has('required')) view.origin.set('required', list);
}

/** `additionalProperties` (or `unevaluatedProperties`) `false` closes the object; a schema types the rest. */
function readAdditional(m: Merge): void {
  const { view, s } = m;
  if (s.additionalProperties === false || s.unevaluatedProperties === false) {
    view.additional = 'closed';
    view.origin.set(
      'additionalProperties',
      at(m, s.additionalProperties === false ? 'additionalProperties' : 'unevaluatedProperties'),
    );
  } else if (
    isRecord(s.additionalProperties) &&
    view.additional === 'open' &&
    Object.keys(s.additionalProperties).length > 0
  ) {
    view.additional = { ...at(m, 'additionalProperties'), value: s.additionalProperties };
    view.origin.set('additionalProperties', at(m, 'additionalProperties'));
  }
}

/** `contains`, `propertyNames`, `contentSchema`, `not` and `if`/`then`/`else`. */
function readSubschemas(m: Merge): void {
  const { view, s } = m;
  for (const keyword of SUBSCHEMA_KEYWORDS)
    if (s[keyword] !== undefined && (keyword !== 'contains' || containsCounts(s)) && firstWins(m, keyword))
      view.sub[keyword] = child(m, keyword);
  if (s.not !== undefined && firstWins(m, 'not')) view.not = child(m, 'not');
  if (s.if !== undefined && firstWins(m, 'if'))
    view.conditional = {
      if: child(m, 'if'),
      ...(s.then !== undefined ? { then: child(m, 'then') } : {}),
      ...(s.else !== undefined ? { else: child(m, 'else') } : {}),
    };
}

/**
 * A view's discriminator, its mapping's string values read into a map. Built for every view that
 * merges the schema holding it: on Microsoft Graph every schema extending `entity` (a mapping of
 * 653 values), so the map is filled by `for…in` rather than through arrays of pairs made twice
 * (`Object.entries`, `flatMap`): 400 such maps, 238 → 55 ms CPU under the CLI's tiering.
 */
function discriminator(d: Json, place: Place): NonNullable<SchemaView['discriminator']> {
  const mapping = new Map<string, string>();
  const written = d.mapping;
  // A parsed object has only own enumerable keys, as Object.entries lists them (`__proto__` too).
  if (isRecord(written))
    for (const value in written) {
      const target = written[value];
      if (typeof target === 'string') mapping.set(value, target);
    }
  return { propertyName: typeof d.propertyName === 'string' ? d.propertyName : undefined, mapping, place };
}

function readArrayKeywords(m: Merge): void {
  const { view, s } = m;
  const indexed = (keyword: string, list: unknown[]) =>
    list.map((value, i) => ({ ...child(m, keyword, i), value }));
  if (Array.isArray(s.prefixItems) && firstWins(m, 'prefixItems'))
    view.prefixItems = indexed('prefixItems', s.prefixItems);
  // Draft 2019 and earlier: array-form `items` is the tuple, `additionalItems` the rest.
  if (Array.isArray(s.items) && firstWins(m, 'prefixItems')) view.prefixItems = indexed('items', s.items);
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  const restKeyword = Array.isArray(s.items) ? 'additionalItems' : 'items';
  if (rest === false || s.unevaluatedItems === false) view.itemsClosed = true;
  else if (rest !== undefined && rest !== true && !admitsAnything(rest) && firstWins(m, 'items'))
    view.items = child(m, restKeyword);
}

function readObjectKeywords(m: Merge): void {
  const { view, s } = m;
  if (isRecord(s.patternProperties))
    for (const pattern of Object.keys(s.patternProperties))
      if (!(view.patternProperties ??= new Map()).has(pattern))
        view.patternProperties.set(pattern, {
          ...child(m, 'patternProperties', pattern),
          value: s.patternProperties[pattern],
        });
  for (const keyword of ['dependentRequired', 'dependentSchemas', 'dependencies'] as const) {
    const map = s[keyword];
    if (!isRecord(map)) continue;
    for (const [name, dependency] of Object.entries(map)) {
      if (Array.isArray(dependency)) {
        if (keyword === 'dependentSchemas' || view.dependentRequired?.has(name)) continue;
        (view.dependentRequired ??= new Map()).set(
          name,
          dependency.filter((d): d is string => typeof d === 'string'),
        );
        if (!view.origin.has('dependentRequired')) view.origin.set('dependentRequired', child(m, keyword));
      } else if (keyword !== 'dependentRequired' && !view.dependentSchemas?.has(name)) {
        (view.dependentSchemas ??= new Map()).set(name, { ...child(m, keyword, name), value: dependency });
        if (!view.origin.has('dependentSchemas')) view.origin.set('dependentSchemas', child(m, keyword));
      }
    }
  }
  if (
    isRecord(s.unevaluatedProperties) &&
    s.additionalProperties === undefined &&
    view.additional === 'open' &&
    Object.keys(s.unevaluatedProperties).length > 0 &&
    firstWins(m, 'additionalProperties')
  )
    view.additional = child(m, 'unevaluatedProperties');
}

function readBound(s: Json, keyword: string): Bound | undefined {
  const raw = s[keyword];
  if (keyword === 'minimum' || keyword === 'maximum') {
    const exclusiveKey = keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
    const exclusive = s[exclusiveKey];
    // 3.1 / JSON Schema: exclusiveMinimum is itself the bound.
    if (typeof exclusive === 'number') {
      if (typeof raw !== 'number') return { value: exclusive, exclusive: true };
      const tighter = keyword === 'minimum' ? exclusive >= raw : exclusive <= raw;
      return tighter ? { value: exclusive, exclusive: true } : { value: raw, exclusive: false };
    }
    // 3.0's boolean `exclusiveMaximum` only qualifies a `maximum` beside it (draft Wright-00 §5.3):
    // alone it limits nothing, so it is no bound (openapi-diff reads one being set; we do not).
    return typeof raw === 'number' ? { value: raw, exclusive: exclusive === true } : undefined;
  }
  return typeof raw === 'number' ? { value: raw, exclusive: false } : undefined;
}

function intersectTypes(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === 'integer' && b.has('number')) out.add('integer');
  }
  for (const t of b) if (t === 'integer' && a.has('number')) out.add('integer');
  return out;
}
