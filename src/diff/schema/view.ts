import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import type { Place } from '../types.js';

/**
 * A schema as the compatibility core sees it: `$ref`s followed, `allOf` members and `$ref` siblings
 * merged, OpenAPI 3.0 `nullable` and 3.1 `type: [..., "null"]` read as the same thing, 3.0 boolean
 * `exclusiveMinimum` and 3.1 numeric `exclusiveMinimum` read as the same bound. Every keyword
 * remembers the place it was written, so a change is reported where an author can fix it.
 */
export interface SchemaNode extends Place {
  value: unknown;
}

export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface PropertyView {
  node: SchemaNode;
  readOnly: boolean;
  writeOnly: boolean;
}

/** Keywords whose subschema constrains the instance in the same direction as the schema itself. */
export const SUBSCHEMA_KEYWORDS = ['contains', 'propertyNames', 'contentSchema'] as const;
export type SubschemaKeyword = (typeof SUBSCHEMA_KEYWORDS)[number];

export interface SchemaView {
  /** Where the schema itself is (the `$ref` target when it was a reference). */
  place: Place;
  /** The resolved node. */
  node: SchemaNode;
  /** Non-null types; undefined means any. `integer` is kept apart from `number`. */
  types?: Set<string>;
  nullable: boolean;
  format?: string;
  pattern?: string;
  /** Allowed values (`enum`, or `const` as a one-value enum), null excluded, as JSON text. */
  enum?: Map<string, unknown>;
  /** The configured extensible-enum extension's values: consumers must expect the list to grow. */
  extensibleEnum?: Map<string, unknown>;
  lower: Partial<Record<(typeof LOWER)[number], Bound>>;
  upper: Partial<Record<(typeof UPPER)[number], Bound>>;
  multipleOf?: number;
  uniqueItems: boolean;
  properties: Map<string, PropertyView>;
  required: Set<string>;
  /** `open` (absent or true), `closed` (false, or unevaluatedProperties false), or a schema. */
  additional: 'open' | 'closed' | SchemaNode;
  items?: SchemaNode;
  /** `items: false` (or 2019 `additionalItems: false` after a tuple): nothing beyond `prefixItems`. */
  itemsClosed: boolean;
  /** Tuple positions (`prefixItems`, or 2019 array-form `items`). */
  prefixItems?: SchemaNode[];
  /** `contains`, `propertyNames`, `contentSchema`. */
  sub: Partial<Record<SubschemaKeyword, SchemaNode>>;
  not?: SchemaNode;
  /** `if` / `then` / `else`, when `if` is present. */
  conditional?: { if: SchemaNode; then?: SchemaNode; else?: SchemaNode };
  /** Absent when the schema has none (most do not: no map per view). */
  patternProperties?: Map<string, SchemaNode>;
  /** `dependentRequired` (and the array form of draft-07 `dependencies`). */
  dependentRequired?: Map<string, string[]>;
  /** `dependentSchemas` (and the schema form of draft-07 `dependencies`). */
  dependentSchemas?: Map<string, SchemaNode>;
  contentMediaType?: string;
  contentEncoding?: string;
  /** Members of `allOf` as written (merged into this view), for telling a member added or removed. */
  allOf: SchemaNode[];
  /** `oneOf` / `anyOf` branches (`null`-only branches read as nullability); undefined when none. */
  alternatives?: SchemaNode[];
  /** `oneOf` (each instance must match exactly one branch) rather than `anyOf`. */
  exclusive: boolean;
  discriminator?: { propertyName?: string; mapping: Map<string, string>; place: Place };
  defaultValue?: { json: string };
  readOnly: boolean;
  writeOnly: boolean;
  /** Where each keyword was written (for allOf-merged schemas, the member that wrote it). */
  origin: Map<string, Place>;
  /**
   * A `$ref` in it could not be followed: what it says is unknown, not "any", and comparing it
   * would report the parts behind the ref as removed. The problem is reported once, elsewhere.
   */
  unresolved: boolean;
}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ResolveResult {
  node: SchemaNode;
  /** Set when a `$ref` on the way could not be followed. */
  unresolved?: { place: Place; ref: string };
}

/** Follows `$ref` chains (bounded, cycle-safe) to the node that holds keywords. */
export function resolveSchema(scope: RefScope, node: SchemaNode): ResolveResult {
  let current = node;
  for (let hops = 0; hops < 64; hops++) {
    const value = current.value;
    if (!isRecord(value) || typeof value.$ref !== 'string') return { node: current };
    const resolved = scope.resolve(current.file, value.$ref);
    if (!resolved) return { node: current, unresolved: { place: current, ref: value.$ref } };
    current = resolved;
  }
  return { node: current, unresolved: { place: current, ref: '(a $ref chain longer than 64 hops)' } };
}

/** Keywords beside a `$ref` that say nothing about which values are valid. */
const ANNOTATIONS_BESIDE_REF = new Set([
  '$ref',
  '$comment',
  'title',
  'description',
  'summary',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
]);

function constrainsBesideRef(value: unknown): boolean {
  if (!isRecord(value) || typeof value.$ref !== 'string') return false;
  for (const key in value) if (!ANNOTATIONS_BESIDE_REF.has(key) && !key.startsWith('x-')) return true;
  return false;
}

export const LOWER = ['minimum', 'minLength', 'minItems', 'minProperties', 'minContains'] as const;
export const UPPER = ['maximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const;

export interface ViewOptions {
  /** The extension that lists an extensible enum's values (`x-extensible-enum`), or none. */
  extensibleEnum?: string;
}

/** Builds the merged view of a schema node. `onUnresolved` hears about refs it could not follow. */
export function viewOf(
  scope: RefScope,
  start: SchemaNode,
  onUnresolved: (place: Place, ref: string) => void,
  options: ViewOptions = {},
): SchemaView {
  // A `$ref` with keywords beside it that validate (3.1) is a schema of its own, the reference
  // merged into it; beside annotations only, the referenced schema is the one to compare.
  const first = constrainsBesideRef(start.value) ? { node: start } : resolveSchema(scope, start);
  const view: SchemaView = {
    place: { file: first.node.file, pointer: first.node.pointer },
    node: first.node,
    nullable: false,
    lower: {},
    upper: {},
    uniqueItems: false,
    properties: new Map(),
    required: new Set(),
    additional: 'open',
    itemsClosed: false,
    sub: {},
    allOf: [],
    exclusive: false,
    readOnly: false,
    writeOnly: false,
    origin: new Map(),
    unresolved: false,
  };
  mergeInto(scope, view, first.node, { onUnresolved, options, topLevel: true });
  return view;
}

/**
 * One alternative of a choice as it validates: the schema's own keywords (everything but the
 * `oneOf`/`anyOf`) with the branch's merged in, as if the branch were an `allOf` member.
 */
export function refineView(
  scope: RefScope,
  common: SchemaView,
  branch: SchemaNode,
  onUnresolved: (place: Place, ref: string) => void,
  options: ViewOptions = {},
): SchemaView {
  const view: SchemaView = {
    ...common,
    types: common.types && new Set(common.types),
    enum: common.enum && new Map(common.enum),
    lower: { ...common.lower },
    upper: { ...common.upper },
    properties: new Map(common.properties),
    required: new Set(common.required),
    sub: { ...common.sub },
    patternProperties: common.patternProperties && new Map(common.patternProperties),
    dependentRequired: common.dependentRequired && new Map(common.dependentRequired),
    dependentSchemas: common.dependentSchemas && new Map(common.dependentSchemas),
    allOf: [],
    alternatives: undefined,
    exclusive: false,
    origin: new Map(common.origin),
  };
  view.origin.delete('alternatives');
  mergeInto(scope, view, branch, { onUnresolved, options, topLevel: false });
  return view;
}

function mergeInto(
  scope: RefScope,
  view: SchemaView,
  start: SchemaNode,
  context: { onUnresolved: (place: Place, ref: string) => void; options: ViewOptions; topLevel: boolean },
): void {
  const seen = new Set<string>();
  const merge = (node: SchemaNode, depth: number): void => {
    const key = `${node.file}#${node.pointer}`;
    if (seen.has(key) || depth > 32) return;
    seen.add(key);
    const value = node.value;
    if (value === false) {
      view.types = new Set();
      return;
    }
    if (!isRecord(value)) return;
    if (typeof value.$ref === 'string') {
      const target = resolveSchema(scope, node);
      if (target.unresolved) {
        view.unresolved = true;
        context.onUnresolved(target.unresolved.place, target.unresolved.ref);
      } else merge(target.node, depth + 1);
    }
    const single = mergeKeywords(view, node, value, context.options);
    if (single) merge(single, depth + 1);
    if (Array.isArray(value.allOf)) {
      value.allOf.forEach((member, i) => {
        const memberNode = {
          file: node.file,
          pointer: appendPointer(node.pointer, 'allOf', i),
          value: member,
        };
        if (depth === 0 && context.topLevel) view.allOf.push(memberNode);
        merge(memberNode, depth + 1);
      });
    }
  };
  merge(start, 0);
  // `const: x` / `enum: [...]` without `type` admits only values of those types.
  if (!view.types && view.enum && view.enum.size > 0)
    view.types = new Set([...view.enum.values()].map(jsonType));
  if (view.format !== undefined) view.format = restrictingFormat(view.format, view.types);
  if (view.pattern !== undefined && MATCHES_ANYTHING.has(view.pattern)) view.pattern = undefined;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Patterns every string matches: the same as no pattern. */
const MATCHES_ANYTHING = new Set(['.*', '^.*$', '^.*', '.*$', '^(.*)$', '(.*)', '[\\s\\S]*', '^[\\s\\S]*$']);

/** A branch that only admits `null` (`{type: 'null'}`, `{const: null}`, `{enum: [null]}`). */
function isNullOnly(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (
    value.type === 'null' ||
    (Array.isArray(value.type) && value.type.length === 1 && value.type[0] === 'null')
  )
    return true;
  if ('const' in value && value.const === null) return true;
  return Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null;
}

/**
 * An integer of format int64 and a number of format double admit every value a JSON consumer sends
 * in practice: the format names the wire type, it does not restrict. Read as no format.
 */
function restrictingFormat(format: string, types: Set<string> | undefined): string | undefined {
  if (format === 'int64' && types?.has('integer') && types.size === 1) return undefined;
  if (format === 'double' && types?.has('number') && types.size === 1) return undefined;
  return format;
}

/**
 * Merges one schema object's keywords into the view (first writer wins, allOf members intersect).
 * Returns the one non-null branch of a `oneOf`/`anyOf` whose other branches only admit `null`
 * (`oneOf: [{$ref: X}, {type: 'null'}]` is X, nullable): the caller merges it like an allOf member.
 */
function mergeKeywords(
  view: SchemaView,
  node: SchemaNode,
  s: Json,
  options: ViewOptions,
): SchemaNode | undefined {
  const child = (keyword: string, ...more: (string | number)[]): SchemaNode => ({
    file: node.file,
    pointer: appendPointer(node.pointer, keyword, ...more),
    value: more.length === 0 ? s[keyword] : undefined,
  });
  const at = (keyword: string): Place => ({ file: node.file, pointer: appendPointer(node.pointer, keyword) });
  const firstWins = (keyword: string): boolean => {
    if (view.origin.has(keyword)) return false;
    view.origin.set(keyword, at(keyword));
    return true;
  };

  const types =
    typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : undefined;
  if (types) {
    if (types.includes('null')) view.nullable = true;
    const nonNull = types.filter((t) => t !== 'null');
    const own = new Set(nonNull.length > 0 ? nonNull : types.length > 0 ? ['null'] : []);
    // allOf members intersect; `integer` satisfies a `number` member.
    view.types = view.types ? intersectTypes(view.types, own) : own;
    if (!view.origin.has('type')) view.origin.set('type', at('type'));
  }
  // 3.0 `nullable`; Swagger 2.0 had none, and tools wrote `x-nullable` (what 3.0 converters read).
  if (s.nullable === true || s['x-nullable'] === true) {
    view.nullable = true;
    if (!view.origin.has('type')) view.origin.set('type', at('nullable'));
  }
  if (typeof s.format === 'string' && firstWins('format')) view.format = s.format;
  for (const keyword of ['contentMediaType', 'contentEncoding'] as const)
    if (typeof s[keyword] === 'string' && firstWins(keyword)) view[keyword] = s[keyword] as string;
  if (typeof s.pattern === 'string' && firstWins('pattern')) view.pattern = s.pattern;
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (values && firstWins(Array.isArray(s.enum) ? 'enum' : 'const')) {
    view.origin.set('enum', at(Array.isArray(s.enum) ? 'enum' : 'const'));
    view.enum = new Map();
    for (const v of values) {
      if (v === null) view.nullable = true;
      else view.enum.set(JSON.stringify(v), v);
    }
  }
  const extensible = options.extensibleEnum ? s[options.extensibleEnum] : undefined;
  if (Array.isArray(extensible) && firstWins('extensibleEnum')) {
    view.extensibleEnum = new Map();
    for (const v of extensible) if (v !== null) view.extensibleEnum.set(JSON.stringify(v), v);
  }
  const groups = keywordGroups(s);
  if (groups & BOUNDS) {
    for (const keyword of LOWER) {
      const bound = readBound(s, keyword);
      if (bound && firstWins(keyword)) view.lower[keyword] = bound;
    }
    for (const keyword of UPPER) {
      const bound = readBound(s, keyword);
      if (bound && firstWins(keyword)) view.upper[keyword] = bound;
    }
  }
  if (typeof s.multipleOf === 'number' && firstWins('multipleOf')) view.multipleOf = s.multipleOf;
  if (s.uniqueItems === true && firstWins('uniqueItems')) view.uniqueItems = true;
  if (isRecord(s.properties)) {
    for (const [name, prop] of Object.entries(s.properties)) {
      if (view.properties.has(name)) continue;
      const p = isRecord(prop) ? prop : {};
      view.properties.set(name, {
        node: { file: node.file, pointer: appendPointer(node.pointer, 'properties', name), value: prop },
        readOnly: p.readOnly === true,
        writeOnly: p.writeOnly === true,
      });
    }
  }
  if (Array.isArray(s.required)) {
    for (const r of s.required) if (typeof r === 'string') view.required.add(r);
    if (!view.origin.has('required')) view.origin.set('required', at('required'));
  }
  if (s.additionalProperties === false || s.unevaluatedProperties === false) {
    view.additional = 'closed';
    view.origin.set(
      'additionalProperties',
      at(s.additionalProperties === false ? 'additionalProperties' : 'unevaluatedProperties'),
    );
  } else if (
    isRecord(s.additionalProperties) &&
    view.additional === 'open' &&
    Object.keys(s.additionalProperties).length > 0
  ) {
    view.additional = { ...at('additionalProperties'), value: s.additionalProperties };
    view.origin.set('additionalProperties', at('additionalProperties'));
  }
  if (groups & ARRAY) readArrayKeywords(view, s, child, firstWins);
  if (groups & OBJECT) readObjectKeywords(view, s, child, firstWins);
  if (groups & SUBSCHEMAS) {
    for (const keyword of SUBSCHEMA_KEYWORDS)
      if (s[keyword] !== undefined && firstWins(keyword)) view.sub[keyword] = child(keyword);
    if (s.not !== undefined && firstWins('not')) view.not = child('not');
    if (s.if !== undefined && firstWins('if'))
      view.conditional = {
        if: child('if'),
        ...(s.then !== undefined ? { then: child('then') } : {}),
        ...(s.else !== undefined ? { else: child('else') } : {}),
      };
  }
  let single: SchemaNode | undefined;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = s[keyword];
    if (!Array.isArray(list) || view.alternatives || view.origin.has('alternatives')) continue;
    const branches = list.flatMap((value, i) => {
      if (!isNullOnly(value))
        return [{ file: node.file, pointer: appendPointer(node.pointer, keyword, i), value }];
      view.nullable = true;
      if (!view.origin.has('type')) view.origin.set('type', at(keyword));
      return [];
    });
    view.origin.set('alternatives', at(keyword));
    if (branches.length === 1 && branches.length < list.length) single = branches[0];
    else if (branches.length > 0) {
      view.alternatives = branches;
      view.exclusive = keyword === 'oneOf';
    }
  }
  if (isRecord(s.discriminator) && firstWins('discriminator')) {
    const d = s.discriminator;
    view.discriminator = {
      propertyName: typeof d.propertyName === 'string' ? d.propertyName : undefined,
      mapping: new Map(
        Object.entries(isRecord(d.mapping) ? d.mapping : {}).flatMap(([k, v]) =>
          typeof v === 'string' ? [[k, v]] : [],
        ),
      ),
      place: at('discriminator'),
    };
  }
  if ('default' in s && firstWins('default')) view.defaultValue = { json: JSON.stringify(s.default) };
  if (s.readOnly === true) view.readOnly = true;
  if (s.writeOnly === true) view.writeOnly = true;
  return single;
}

/**
 * Groups of keywords that `mergeKeywords` reads only when the schema object holds one of them. A
 * schema object holds a handful of keywords; looking up each of some thirty keywords it lacks, on
 * objects of as many shapes as a description has, costs more than listing its keys once.
 */
const BOUNDS = 1;
const ARRAY = 2;
const OBJECT = 4;
const SUBSCHEMAS = 8;
const KEYWORD_GROUPS: ReadonlyMap<string, number> = new Map([
  ...[...LOWER, ...UPPER, 'exclusiveMinimum', 'exclusiveMaximum'].map((k) => [k, BOUNDS] as const),
  ...['prefixItems', 'items', 'additionalItems', 'unevaluatedItems'].map((k) => [k, ARRAY] as const),
  ...[
    'patternProperties',
    'dependentRequired',
    'dependentSchemas',
    'dependencies',
    'unevaluatedProperties',
  ].map((k) => [k, OBJECT] as const),
  ...[...SUBSCHEMA_KEYWORDS, 'not', 'if'].map((k) => [k, SUBSCHEMAS] as const),
]);

function keywordGroups(s: Json): number {
  let groups = 0;
  for (const key in s) groups |= KEYWORD_GROUPS.get(key) ?? 0;
  return groups;
}

type Child = (keyword: string, ...more: (string | number)[]) => SchemaNode;

function readArrayKeywords(view: SchemaView, s: Json, child: Child, firstWins: (k: string) => boolean): void {
  const indexed = (keyword: string, list: unknown[]) =>
    list.map((value, i) => ({ ...child(keyword, i), value }));
  if (Array.isArray(s.prefixItems) && firstWins('prefixItems'))
    view.prefixItems = indexed('prefixItems', s.prefixItems);
  // Draft 2019 and earlier: array-form `items` is the tuple, `additionalItems` the rest.
  if (Array.isArray(s.items) && firstWins('prefixItems')) view.prefixItems = indexed('items', s.items);
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  const restKeyword = Array.isArray(s.items) ? 'additionalItems' : 'items';
  if (rest === false || s.unevaluatedItems === false) view.itemsClosed = true;
  else if (rest !== undefined && rest !== true && firstWins('items')) view.items = child(restKeyword);
}

function readObjectKeywords(
  view: SchemaView,
  s: Json,
  child: Child,
  firstWins: (k: string) => boolean,
): void {
  if (isRecord(s.patternProperties))
    for (const pattern of Object.keys(s.patternProperties))
      if (!(view.patternProperties ??= new Map()).has(pattern))
        view.patternProperties.set(pattern, {
          ...child('patternProperties', pattern),
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
        if (!view.origin.has('dependentRequired')) view.origin.set('dependentRequired', child(keyword));
      } else if (keyword !== 'dependentRequired' && !view.dependentSchemas?.has(name)) {
        (view.dependentSchemas ??= new Map()).set(name, { ...child(keyword, name), value: dependency });
        if (!view.origin.has('dependentSchemas')) view.origin.set('dependentSchemas', child(keyword));
      }
    }
  }
  if (
    isRecord(s.unevaluatedProperties) &&
    s.additionalProperties === undefined &&
    view.additional === 'open' &&
    Object.keys(s.unevaluatedProperties).length > 0 &&
    firstWins('additionalProperties')
  )
    view.additional = child('unevaluatedProperties');
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
    if (typeof raw === 'number') return { value: raw, exclusive: exclusive === true };
    // 3.0 `exclusiveMaximum: true` without a `maximum` constrains nothing by JSON Schema, yet tools
    // (openapi-diff) and people read it as a bound being set: kept as an unbounded exclusive bound.
    return exclusive === true
      ? { value: keyword === 'minimum' ? -Infinity : Infinity, exclusive: true }
      : undefined;
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

/** Is every type in `narrow` allowed by `wide`? (`integer` is a `number`.) */
export function typesWithin(narrow: Set<string>, wide: Set<string>): boolean {
  for (const t of narrow) if (!wide.has(t) && !(t === 'integer' && wide.has('number'))) return false;
  return true;
}
