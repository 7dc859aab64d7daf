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
  lower: Partial<Record<'minimum' | 'minLength' | 'minItems' | 'minProperties', Bound>>;
  upper: Partial<Record<'maximum' | 'maxLength' | 'maxItems' | 'maxProperties', Bound>>;
  multipleOf?: number;
  uniqueItems: boolean;
  properties: Map<string, PropertyView>;
  required: Set<string>;
  /** `open` (absent or true), `closed` (false, or unevaluatedProperties false), or a schema. */
  additional: 'open' | 'closed' | SchemaNode;
  items?: SchemaNode;
  /** `oneOf` / `anyOf` branches; undefined when the schema has none. */
  alternatives?: SchemaNode[];
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

const LOWER = ['minimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER = ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

/** Builds the merged view of a schema node. `onUnresolved` hears about refs it could not follow. */
export function viewOf(
  scope: RefScope,
  start: SchemaNode,
  onUnresolved: (place: Place, ref: string) => void,
): SchemaView {
  const first = resolveSchema(scope, start);
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
    readOnly: false,
    writeOnly: false,
    origin: new Map(),
    unresolved: false,
  };
  const unresolved = (found: NonNullable<ResolveResult['unresolved']>) => {
    view.unresolved = true;
    onUnresolved(found.place, found.ref);
  };
  if (first.unresolved) unresolved(first.unresolved);
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
      if (target.unresolved) unresolved(target.unresolved);
      else merge(target.node, depth + 1);
    }
    mergeKeywords(view, node, value);
    if (Array.isArray(value.allOf)) {
      value.allOf.forEach((member, i) =>
        merge(
          { file: node.file, pointer: appendPointer(node.pointer, 'allOf', i), value: member },
          depth + 1,
        ),
      );
    }
  };
  merge(first.node, 0);
  return view;
}

function mergeKeywords(view: SchemaView, node: SchemaNode, s: Json): void {
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
  if (s.nullable === true) {
    view.nullable = true;
    if (!view.origin.has('type')) view.origin.set('type', at('nullable'));
  }
  if (typeof s.format === 'string' && firstWins('format')) view.format = s.format;
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
  for (const keyword of LOWER) {
    const bound = readBound(s, keyword);
    if (bound && firstWins(keyword)) view.lower[keyword] = bound;
  }
  for (const keyword of UPPER) {
    const bound = readBound(s, keyword);
    if (bound && firstWins(keyword)) view.upper[keyword] = bound;
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
  if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') view.required.add(r);
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
  if (s.items !== undefined && !Array.isArray(s.items) && firstWins('items'))
    view.items = { ...at('items'), value: s.items };
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = s[keyword];
    if (Array.isArray(list) && !view.alternatives && firstWins('alternatives')) {
      view.origin.set('alternatives', at(keyword));
      view.alternatives = list.map((value, i) => ({
        file: node.file,
        pointer: appendPointer(node.pointer, keyword, i),
        value,
      }));
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

/** Is every type in `narrow` allowed by `wide`? (`integer` is a `number`.) */
export function typesWithin(narrow: Set<string>, wide: Set<string>): boolean {
  for (const t of narrow) if (!wide.has(t) && !(t === 'integer' && wide.has('number'))) return false;
  return true;
}
