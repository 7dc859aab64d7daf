/**
 * How the diff's messages name a field and the schema it belongs to: the field path
 * (`order.items[].price`), "Response field `total`", and "Response field `license.url` of schema
 * `minimal-repository`" read from a place in a named component.
 */
import { code } from '../core/inert-text.js';
import { segmentsOf } from './pointers.js';
import type { Place } from './types.js';
import type { FieldPath } from './schema/field-path.js';
import { pathSegments } from './schema/field-path.js';

/** `order.items[].price`; '' for the schema's root. */
export function fieldPath(path: readonly string[]): string {
  let out = '';
  // Positions (`[]`, a tuple's `[1]`) follow their field directly: `tags[]`, `point[1]`.
  for (const segment of path) out += segment.startsWith('[') || out === '' ? segment : `.${segment}`;
  return out;
}

/**
 * How a message names a field: "Response field `order.total`", "Field `total`" (no label). The items
 * of a top-level array have no name of their own: "Response field `[]`" read as a field called `[]`,
 * so they are "Each response item" ("Each item"), which keeps the messages' verbs in the singular.
 */
export function namedField(field: string, label?: string): string {
  if (field === '[]') return label ? `Each ${label.toLowerCase()} item` : 'Each item';
  return label ? `${label} field ${code(field)}` : `Field ${code(field)}`;
}

/** Keywords that lead from a schema into a subschema at a named position (the next segment). */
const NAMED_CHILD: Record<string, (name: string) => string | undefined> = {
  properties: (name) => name,
  patternProperties: (pattern) => `/${pattern}/`,
  dependentSchemas: () => undefined,
  allOf: () => undefined,
  oneOf: (i) => `<${Number(i) + 1}>`,
  anyOf: (i) => `<${Number(i) + 1}>`,
  prefixItems: (i) => `[${i}]`,
};
const UNNAMED_CHILD: Record<string, string> = {
  items: '[]',
  additionalProperties: '*',
  unevaluatedProperties: '*',
  contains: '[]',
};

/**
 * "Response field `license.url` of schema `minimal-repository`" for a place inside a named
 * component (OpenAPI 3 / AsyncAPI `components`, Swagger 2.0 `definitions`, `$defs`), read from the
 * place itself: the field path within that schema, up to the keyword that changed.
 */
export function sharedSubjectOf(
  place: Place | undefined,
  label: string,
  below?: FieldPath,
): string | undefined {
  if (!place) return undefined;
  const segments = segmentsOf(place.pointer);
  const anchor = componentOf(place.file, segments);
  if (!anchor) return undefined;
  const path: string[] = [];
  const rest = segments.slice(anchor.length);
  for (let i = 0; i < rest.length; i++) {
    const keyword = rest[i]!;
    const named = NAMED_CHILD[keyword];
    if (named && i + 1 < rest.length) {
      const name = named(rest[++i]!);
      if (name !== undefined) path.push(name);
    } else if (UNNAMED_CHILD[keyword] && (i + 1 < rest.length || below !== undefined))
      path.push(UNNAMED_CHILD[keyword]);
    else break;
  }
  // `below`: the place is a subschema (a `$ref` whose target changed), and the field is that far under it.
  const field = fieldPath(below === undefined ? path : [...path, ...pathSegments(below)]);
  return field
    ? `${namedField(field, label)} of ${anchor.kind} ${anchor.name}`
    : `${label} ${anchor.kind} ${anchor.name}`;
}

/** Top-level keys of a contract document: a place under one is not a schema of its own file. */
const DOCUMENT_KEYS = new Set([
  'openapi',
  'swagger',
  'asyncapi',
  'info',
  'paths',
  'webhooks',
  'servers',
  'channels',
  'operations',
  'parameters',
  'responses',
  'securityDefinitions',
  'security',
  'tags',
  'externalDocs',
  'x-webhooks',
]);

function componentOf(
  file: string,
  segments: readonly string[],
): { kind: string; /** Markdown: the name in a code span. */ name: string; length: number } | undefined {
  const [a, b, c, d] = segments;
  if (a === 'components' && c !== undefined) {
    if (b === 'schemas') return { kind: 'schema', name: code(c), length: 3 };
    if (b === 'messages' && (d === 'payload' || d === 'headers'))
      return { kind: `message ${d === 'payload' ? 'payload' : 'headers'}`, name: code(c), length: 4 };
    // AsyncAPI headers written once in a trait that many messages apply.
    if (b === 'messageTraits' && d === 'headers') return { kind: 'message trait', name: code(c), length: 4 };
    if ((b === 'parameters' || b === 'headers') && d === 'schema')
      return { kind: b === 'parameters' ? 'parameter' : 'header', name: code(c), length: 4 };
    // A response or request body written once and `$ref`'d by many operations (`NotFound`).
    if ((b === 'responses' || b === 'requestBodies') && d === 'content' && segments[5] === 'schema')
      return { kind: b === 'responses' ? 'response' : 'request body', name: code(c), length: 6 };
    return undefined;
  }
  if ((a === 'definitions' || a === '$defs') && b !== undefined)
    return { kind: 'schema', name: code(b), length: 2 };
  if (a !== undefined && DOCUMENT_KEYS.has(a)) return undefined;
  // A file of schemas beside the contract (`shared/common.yaml#/Money`), or a file that is one.
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (a === undefined || NAMED_CHILD[a] || UNNAMED_CHILD[a] || SCHEMA_WORDS.has(a))
    return { kind: 'schema', name: code(base), length: 0 };
  return { kind: 'schema', name: `${code(a)} in ${code(base)}`, length: 1 };
}

/** Keywords a schema file may start with (it is itself the schema). */
const SCHEMA_WORDS = new Set([
  'type',
  'required',
  'enum',
  'oneOf',
  'anyOf',
  'allOf',
  'format',
  '$ref',
  'title',
]);
