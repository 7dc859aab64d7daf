/**
 * `$ref`s resolved against a schema's `$id` (JSON Schema 2019-09/2020-12, OpenAPI 3.1, and draft-06/07
 * as AsyncAPI embeds it; `id` in a schema that declares draft-04 by `$schema`): inside a schema
 * declaring `$id: https://example.com/schemas/order`, the `$ref: item` means `https://example.com/schemas/item`, the schema that declares that `$id`, not a
 * file named `item`. Such a ref is followed only to a schema of the snapshot that declares the URI:
 * nothing is ever fetched, whatever the URI's scheme.
 */
import type { LocatedDocument } from './located-document.js';
import { anchorPointer } from './refs.js';
import { decodeSegment, encodeSegment } from './pointer.js';

/** A file's own base URI: its relative `$id`s and refs resolve from its place in the snapshot. */
export function fileUri(file: string): string {
  return new URL(file.split('/').map(encodeURIComponent).join('/'), 'file:///').href;
}

/**
 * `$id` as a base (not draft-07's `$id: '#name'`, which names an anchor, not a resource); in a
 * draft-04 (or draft-03) schema, `id`, the keyword draft-06 renamed `$id` (`legacy`).
 */
function declaredId(node: unknown, legacy: boolean): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const record = node as Record<string, unknown>;
  const id = typeof record.$id === 'string' ? record.$id : legacy ? record.id : undefined;
  return typeof id === 'string' && id !== '' && !id.startsWith('#') ? id : undefined;
}

/**
 * Whether a document's text may declare a base URI: `$id`, or `id` in a draft-03/04 schema — one
 * whose `$schema`, or whose document's `jsonSchemaDialect`, names the draft, or an AsyncAPI payload
 * whose `schemaFormat` does (`application/schema+json;version=draft-04`).
 */
export function mayDeclareIds(text: string): boolean {
  return text.includes('$id') || /draft-0[34]\/schema|version=\W?draft-0[34]/i.test(text);
}

/** A draft-03/04 `$schema`: resources declare their base URI with `id` there. */
const LEGACY_ID_DIALECT = /^https?:\/\/json-schema\.org\/draft-0[34]\/schema#?$/;

/** An AsyncAPI `schemaFormat` naming JSON Schema draft-03/04 (`application/schema+json;version=draft-04`). */
const LEGACY_SCHEMA_FORMAT =
  /^application\/schema(\+(json|yaml))?\s*;.*\bversion\s*=\s*"?draft-0[34]"?\s*(;|$)/i;

/** Keywords whose values are instances: an `id` inside one is data, never a base. */
const INSTANCE_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** Keywords whose keys are names (a property may be called `default`), not keywords. */
const NAMING_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas']);

/**
 * Where a walk is: whether `id` declares a base here, whether keys here are names, and whether the
 * schemas below default to draft-03/04 (`draft`): an OpenAPI document's `jsonSchemaDialect`, an
 * AsyncAPI message's or multi-format schema's `schemaFormat`, names the dialect of schemas that
 * declare none, so `id` is a base inside them, not in the document's other objects.
 */
interface IdContext {
  legacy: boolean;
  named: boolean;
  draft?: boolean;
  /** The node is a `schemas` map (`components.schemas`): its entries are schemas. */
  schemasMap?: boolean;
}

/** The context of a node's own keywords: its `$schema`, if it names a dialect, decides `legacy`. */
function contextAt(node: unknown, outer: IdContext): IdContext {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return outer;
  const record = node as Record<string, unknown>;
  let context = outer;
  const dialect = typeof record.openapi === 'string' ? record.jsonSchemaDialect : undefined;
  if (typeof dialect === 'string') context = { ...context, draft: LEGACY_ID_DIALECT.test(dialect) };
  if (typeof record.schemaFormat === 'string' && !context.legacy)
    context = { ...context, draft: LEGACY_SCHEMA_FORMAT.test(record.schemaFormat) };
  const declared = record.$schema;
  return typeof declared === 'string' ? { ...context, legacy: LEGACY_ID_DIALECT.test(declared) } : context;
}

/**
 * Where a document that defaults its schemas to draft-03/04 holds one: under `schema` (a
 * parameter's, a media type's, a multi-format schema object's), `payload`, or as an entry of
 * `components.schemas`.
 */
const SCHEMA_KEYS = new Set(['schema', 'payload']);

/** The context of the child under `key` of a node whose own context is `here`. */
function childContext(key: string, here: IdContext): IdContext {
  const draft = here.draft === true && !INSTANCE_KEYWORDS.has(key) ? { draft: true } : {};
  if (here.named)
    return {
      legacy: here.legacy || (here.draft === true && here.schemasMap === true),
      named: false,
      ...draft,
    };
  return {
    legacy: (here.legacy || (here.draft === true && SCHEMA_KEYS.has(key))) && !INSTANCE_KEYWORDS.has(key),
    named: NAMING_KEYWORDS.has(key),
    ...draft,
    ...(key === 'schemas' ? { schemasMap: true } : {}),
  };
}

const TOP: IdContext = { legacy: false, named: false };

function joined(reference: string, base: string): URL | undefined {
  try {
    return new URL(reference, base);
  } catch {
    return undefined;
  }
}

/**
 * The base URI in force at `pointer` (the object holding a `$ref`, whose own `$id` counts), or
 * undefined when no `$id` on the way there declares one: the file's own base applies, as for any
 * other ref.
 */
export function baseUriAt(doc: LocatedDocument, pointer: string): string | undefined {
  let base = fileUri(doc.file);
  let declared = false;
  let node: unknown = doc.value;
  let context = TOP;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(decodeSegment);
  for (let i = 0; ; i++) {
    context = contextAt(node, context);
    const id = declaredId(node, context.legacy);
    const next = id === undefined ? undefined : joined(id, base);
    if (next) {
      next.hash = '';
      base = next.href;
      declared = true;
    }
    if (i === segments.length || node === null || typeof node !== 'object') break;
    context = childContext(segments[i]!, context);
    node = (node as Record<string, unknown>)[segments[i]!];
  }
  return declared ? base : undefined;
}

/** Every schema resource of a document: the URI its `$id` declares (no fragment) → its pointer. */
export function idIndex(doc: LocatedDocument): Map<string, string> {
  const out = new Map<string, string>();
  // Its own stack: hostile nesting cannot exhaust the call stack.
  const stack: { node: unknown; pointer: string; base: string; context: IdContext }[] = [
    { node: doc.value, pointer: '', base: fileUri(doc.file), context: TOP },
  ];
  while (stack.length > 0) {
    const { node, pointer, base: outer, context: around } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    let base = outer;
    const context = contextAt(node, around);
    const id = declaredId(node, context.legacy);
    const uri = id === undefined ? undefined : joined(id, outer);
    if (uri) {
      uri.hash = '';
      base = uri.href;
      if (!out.has(base)) out.set(base, pointer);
    }
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries)
      if (child !== null && typeof child === 'object')
        stack.push({
          node: child,
          pointer: `${pointer}/${encodeSegment(key)}`,
          base,
          context: childContext(key, context),
        });
  }
  return out;
}

export interface IdTarget {
  file: string;
  pointer: string;
  value: unknown;
}

/** The URI a `$ref` held at `at` names by the `$id` in force there; undefined when none is. */
export function idTargetUri(doc: LocatedDocument, at: string, ref: string): string | undefined {
  const base = baseUriAt(doc, at);
  return base === undefined ? undefined : joined(ref, base)?.href;
}

/**
 * Where a `$ref` held at `at` in `file` leads by the `$id` in force there (the file's own URI where
 * none is): the schema of the snapshot declaring the URI it names (a pointer or anchor fragment
 * applied inside it), or a snapshot file the URI names when the `$id`s are relative paths.
 * Undefined when nothing in the snapshot answers to the URI. An embedded resource is named by its
 * URI from anywhere (JSON Schema 2020-12 §9.1.2: a ref outside every `$id`, such as an operation's
 * `$ref: https://example.com/schemas/order`, reaches the schema declaring it), not only from within.
 */
export function resolveById(
  documents: ReadonlyMap<string, LocatedDocument>,
  file: string,
  at: string,
  ref: string,
  indexOf: (doc: LocatedDocument) => ReadonlyMap<string, string>,
): IdTarget | undefined {
  const doc = documents.get(file);
  const base = doc && (baseUriAt(doc, at) ?? fileUri(doc.file));
  const target = base === undefined ? undefined : joined(ref, base);
  if (!target) return undefined;
  const fragment = safeDecode(target.hash.slice(1));
  target.hash = '';
  const resource = resourceAt(documents, target.href, indexOf);
  if (!resource) return undefined;
  return withFragment(resource, fragment);
}

/** The schema declaring `uri` (looked for in every document), else the snapshot file it names. */
function resourceAt(
  documents: ReadonlyMap<string, LocatedDocument>,
  uri: string,
  indexOf: (doc: LocatedDocument) => ReadonlyMap<string, string>,
): IdTarget | undefined {
  for (const doc of documents.values()) {
    const pointer = indexOf(doc).get(uri);
    if (pointer !== undefined) return { file: doc.file, pointer, value: valueAt(doc.value, pointer) };
  }
  for (const doc of documents.values())
    if (fileUri(doc.file) === uri) return { file: doc.file, pointer: '', value: doc.value };
  return undefined;
}

function withFragment(resource: IdTarget, fragment: string): IdTarget | undefined {
  if (fragment === '') return resource;
  const inner = fragment.startsWith('/') ? fragment : anchorPointer(resource.value, fragment);
  if (inner === undefined) return undefined;
  const value = valueAt(resource.value, inner);
  return value === undefined ? undefined : { file: resource.file, pointer: resource.pointer + inner, value };
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  if (pointer === '') return node;
  for (const segment of pointer.slice(1).split('/').map(decodeSegment)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
