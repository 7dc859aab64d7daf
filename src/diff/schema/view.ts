import { appendPointer } from '../pointers.js';
import type { RefScope } from '../ref-scope.js';
import { readsRefSiblings } from '../ref-scope.js';
import type { Place } from '../types.js';
import { mergeKeywords } from './view-keywords.js';
import { matchesEveryString } from './pattern-everything.js';
import { LOWER, SUBSCHEMA_KEYWORDS, UPPER } from './keyword-groups.js';
import { isRecord } from '../json.js';

// The keyword lists live beside the code that reads them (no import cycle); they are part of this API.
export { LOWER, SUBSCHEMA_KEYWORDS, UPPER };

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
export type SubschemaKeyword = (typeof SUBSCHEMA_KEYWORDS)[number];

export interface SchemaView {
  /** Where the schema itself is (the `$ref` target when it was a reference). */
  place: Place;
  /** The resolved node. */
  node: SchemaNode;
  /** Non-null types; undefined means any. `integer` is kept apart from `number`. */
  types?: Set<string>;
  nullable: boolean;
  /**
   * JSON Schema 2020-12: one of the schema objects merged (a `$ref`'s target or sibling, an `allOf`
   * member) restricts the type or values and leaves null out, so no other can make it nullable.
   */
  nullExcluded?: true;
  /**
   * Read as if no value here, nor in any alternative (nested choices included), were null: set by a
   * comparison that says what became of null on its own (`withoutNull`), kept by the views of this
   * one's alternatives.
   */
  nullSetAside?: true;
  format?: string;
  /** A format written that restricts nothing (int64 on an integer, double on a number): for messages. */
  wireFormat?: string;
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
  /** Each required name, with the `required` keyword that first lists it (allOf members, `$ref` siblings). */
  required: Map<string, Place>;
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
  /**
   * Every schema object merged into the view, in merge order: the node itself, `$ref` targets,
   * `allOf` members (objects.ts: which shared schema a property present on one side was written in).
   */
  parts: SchemaNode[];
  /** `oneOf` / `anyOf` branches (`null`-only branches read as nullability); undefined when none. */
  alternatives?: SchemaNode[];
  /** `oneOf` (each instance must match exactly one branch) rather than `anyOf`. */
  exclusive: boolean;
  /**
   * Every further choice a value must also make (`oneOf` and `anyOf` on one schema object, or a
   * choice in each of two `allOf` members): each is judged as the first is, on its own
   * (`moreChoices` in alternatives.ts). Absent when the schema has one choice or none.
   */
  moreChoices?: Choice[];
  /**
   * A `oneOf`'s null-only alternatives, read as nullability (`nullable`) yet still alternatives:
   * null that one of them and another alternative admit matches two, and `oneOf` rejects it
   * (`admitsNull` counts them). `sole`: the one other alternative, merged into the view.
   */
  nullAlternatives?: { count: number; sole?: SchemaNode };
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

/** A further `oneOf`/`anyOf` of a view: its alternatives (null-only ones read as nullability). */
export interface Choice {
  branches: SchemaNode[];
  exclusive: boolean;
  place: Place;
}

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
    const resolved = scope.resolve(current.file, value.$ref, current.pointer);
    if (!resolved) return { node: current, unresolved: { place: current, ref: value.$ref } };
    current = resolved;
  }
  return { node: current, unresolved: { place: current, ref: '(a $ref chain longer than 64 hops)' } };
}

/**
 * Keywords beside a `$ref` that say nothing about which values are valid (read where siblings count:
 * JSON Schema 2020-12, where `nullable` is no keyword, only a word an annotation tool may read).
 */
const ANNOTATIONS_BESIDE_REF = new Set([
  '$ref',
  'nullable',
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
  // merged into it; beside annotations only, or where siblings are ignored (3.0), the referenced
  // schema is the one to compare.
  const first =
    readsRefSiblings(scope) && constrainsBesideRef(start.value)
      ? { node: start }
      : resolveSchema(scope, start);
  const view: SchemaView = {
    place: { file: first.node.file, pointer: first.node.pointer },
    node: first.node,
    nullable: false,
    lower: {},
    upper: {},
    uniqueItems: false,
    properties: new Map(),
    required: new Map(),
    additional: 'open',
    itemsClosed: false,
    sub: {},
    allOf: [],
    parts: [],
    exclusive: false,
    readOnly: false,
    writeOnly: false,
    origin: new Map(),
    unresolved: false,
  };
  mergeInto(scope, view, first.node, { onUnresolved, options, topLevel: true });
  return integersAsWritten(view);
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
    required: new Map(common.required),
    sub: { ...common.sub },
    patternProperties: common.patternProperties && new Map(common.patternProperties),
    dependentRequired: common.dependentRequired && new Map(common.dependentRequired),
    dependentSchemas: common.dependentSchemas && new Map(common.dependentSchemas),
    allOf: [],
    parts: [...common.parts],
    alternatives: undefined,
    exclusive: false,
    nullAlternatives: undefined,
    moreChoices: undefined,
    origin: new Map(common.origin),
  };
  view.origin.delete('alternatives');
  mergeInto(scope, view, branch, { onUnresolved, options, topLevel: false });
  return integersAsWritten(view);
}

/**
 * A number that must be a multiple of a whole number is an integer: `type: number, multipleOf: 1`
 * admits exactly what `type: integer` does (generators write either), and `multipleOf: 2` the even
 * integers whatever the type says. Read so, a rewrite from one form to the other changes nothing,
 * while a real change of type or step is still compared as one.
 */
function integersAsWritten(view: SchemaView): SchemaView {
  const step = view.multipleOf;
  if (step === undefined || !Number.isInteger(step) || step < 1) return view;
  if (view.types?.has('number')) {
    view.types.delete('number');
    view.types.add('integer');
  }
  // With a type, a step of 1 says nothing more (no type left is `number`); without one it still
  // keeps numbers whole.
  if (step === 1 && view.types) view.multipleOf = undefined;
  return view;
}

function mergeInto(
  scope: RefScope,
  view: SchemaView,
  start: SchemaNode,
  context: { onUnresolved: (place: Place, ref: string) => void; options: ViewOptions; topLevel: boolean },
): void {
  const seen = new Set<string>();
  // `nullCounts`: whether what the node says of null counts. Not inside the one branch of a choice
  // whose other branches are null (`anyOf: [X, {type: 'null'}]`): merged like an allOf member, X is
  // still one side of an "or" whose other side is null.
  const merge = (node: SchemaNode, depth: number, nullCounts: boolean): void => {
    const key = `${node.file}#${node.pointer}`;
    if (seen.has(key) || depth > 32) return;
    seen.add(key);
    const value = node.value;
    if (value === false) {
      view.types = new Set();
      return;
    }
    if (!isRecord(value)) return;
    view.parts.push(node);
    if (typeof value.$ref === 'string') {
      const target = resolveSchema(scope, node);
      if (target.unresolved) {
        view.unresolved = true;
        context.onUnresolved(target.unresolved.place, target.unresolved.ref);
      } else merge(target.node, depth + 1, nullCounts);
      // A JSON Reference stands for its target alone (OpenAPI 3.0, Swagger 2.0): siblings ignored.
      if (!readsRefSiblings(scope)) return;
    }
    const single = mergeKeywords(view, node, value, context.options, scope.dialect, nullCounts);
    if (single) merge(single, depth + 1, false);
    if (Array.isArray(value.allOf)) {
      value.allOf.forEach((member, i) => {
        const memberNode = {
          file: node.file,
          pointer: appendPointer(node.pointer, 'allOf', i),
          value: member,
        };
        if (depth === 0 && context.topLevel) view.allOf.push(memberNode);
        merge(memberNode, depth + 1, nullCounts);
      });
    }
  };
  merge(start, 0, true);
  // `const: x` / `enum: [...]` without `type` admits only values of those types.
  if (!view.types && view.enum && view.enum.size > 0)
    view.types = new Set([...view.enum.values()].map(jsonType));
  if (view.format !== undefined) {
    const written = view.format;
    view.format = restrictingFormat(written, view.types);
    if (view.format === undefined && written !== 'password') view.wireFormat = written;
  }
  if (view.pattern !== undefined && matchesEveryString(view.pattern)) view.pattern = undefined;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * An integer of format int64 and a number of format double admit every value a JSON consumer sends
 * in practice: the format names the wire type, it does not restrict. `password` only asks tools to
 * obscure the value on screen (OpenAPI: "a hint to UIs"). Read as no format. So is `double` where
 * no type is written (beside a choice of a number and other types, as Microsoft Graph writes its
 * coordinates): a format applies only to values of the type it is defined for (OpenAPI's format
 * registry; JSON Schema validators such as ajv-formats skip other types), and `double` restricts no
 * number. Beside `type: string` it stays a format: there it spells a number written as text.
 */
function restrictingFormat(format: string, types: Set<string> | undefined): string | undefined {
  if (format === 'int64' && types?.has('integer') && types.size === 1) return undefined;
  if (format === 'double' && (types === undefined || (types.has('number') && types.size === 1)))
    return undefined;
  if (format === 'password') return undefined;
  return format;
}

/** Is every type in `narrow` allowed by `wide`? (`integer` is a `number`.) */
export function typesWithin(narrow: Set<string>, wide: Set<string>): boolean {
  for (const t of narrow) if (!wide.has(t) && !(t === 'integer' && wide.has('number'))) return false;
  return true;
}
