/**
 * Which rules an OpenAPI 3.1 schema is read by, from the dialect it declares: the document's
 * `jsonSchemaDialect` (default: the OpenAPI base dialect), or the `$schema` of the schema resource
 * that holds it — the nearest schema above it, or itself, that names one (JSON Schema 2020-12 §8.1.1:
 * an embedded resource without its own `$schema` keeps the dialect of the one around it).
 *
 * The rules differ, for what the compatibility core reads, before 2019-09: draft-04 to draft-07
 * ignore every keyword beside a `$ref` ("All other properties in a "$ref" object MUST be ignored"),
 * so `{$ref: Id, maxLength: 5}` is `Id`. The other differences between the drafts are read alike by
 * every dialect (array-form `items` is a tuple, a boolean `exclusiveMaximum` modifies `maximum`,
 * `dependencies` is `dependentRequired`/`dependentSchemas`): a draft forbids the other spelling, so
 * reading both never misreads a valid schema. A dialect the core does not know is read as 2020-12,
 * and said to be (see dialect.ts).
 */
import type { LocatedDocument } from '../core/located-document.js';
import { isRecord } from './json.js';
import { appendPointer } from './pointers.js';
import type { Place } from './types.js';
import type { SchemaDialect } from './ref-scope.js';
import type { ContractTree } from './load.js';

type ContractKind = ContractTree['kind'];

/** Each dialect the core knows, and the rules it reads it by. */
const KNOWN_DIALECTS: [RegExp, SchemaDialect][] = [
  [/^https:\/\/spec\.openapis\.org\/oas\/3\.[12]\/dialect\/[\w.-]+$/, '2020-12'],
  [/^https?:\/\/json-schema\.org\/draft\/(2020-12|2019-09)\/schema$/, '2020-12'],
  [/^https?:\/\/json-schema\.org\/draft-0[4-7]\/schema$/, 'draft-07'],
];

/** A dialect URI as compared: an empty fragment (`…/draft-07/schema#`) names the same dialect. */
export const normalisedDialect = (uri: string) => (uri.endsWith('#') ? uri.slice(0, -1) : uri);

/** The rules a dialect URI is read by; undefined for a dialect the core does not know. */
export function rulesOfDialect(uri: string): SchemaDialect | undefined {
  const u = normalisedDialect(uri);
  return KNOWN_DIALECTS.find(([re]) => re.test(u))?.[1];
}

/**
 * The rules of a JSON Schema release named as a media type's `version` parameter (AsyncAPI's
 * `application/schema+json;version=draft-07`): `draft-04`…`draft-07`, `2019-09`, `2020-12`, also
 * written `draft/2020-12` or as the dialect URI itself. Undefined for another name.
 */
export function rulesOfSchemaVersion(version: string): SchemaDialect | undefined {
  if (version.includes('://')) return rulesOfDialect(version);
  const release = version.replace(/^draft\//, '');
  const uri = /^draft-0\d$/.test(release)
    ? `http://json-schema.org/${release}/schema`
    : `https://json-schema.org/draft/${release}/schema`;
  return rulesOfDialect(uri);
}

export function isKnownDialect(uri: string): boolean {
  return rulesOfDialect(uri) !== undefined;
}

/** A `$schema` keyword: the file, the pointer of the keyword itself, and the URI it names. */
export interface DialectDeclaration {
  file: string;
  pointer: string;
  uri: string;
}

/** Keywords whose values are instances, not schemas: a `$schema` inside one declares nothing. */
const INSTANCE_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** Keywords whose keys are names (a property may be called `default`), not keywords. */
const NAMING_KEYWORDS = new Set(['properties', 'patternProperties', 'schemas', '$defs', 'definitions']);

/** Every `$schema` string of the documents, in document order. */
export function dialectDeclarations(documents: ReadonlyMap<string, LocatedDocument>): DialectDeclaration[] {
  const out: DialectDeclaration[] = [];
  for (const [file, doc] of documents)
    forEachSchemaDeclaration(doc.value, '', (pointer, uri) => out.push({ file, pointer, uri }));
  return out;
}

/**
 * Each `$schema` string in a document, with the pointer of the keyword (walked by hand, bounded by
 * the nesting the loader admits; instance values are skipped).
 */
function forEachSchemaDeclaration(
  value: unknown,
  pointer: string,
  visit: (pointer: string, uri: string) => void,
  named = false,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachSchemaDeclaration(item, appendPointer(pointer, i), visit));
    return;
  }
  if (!isRecord(value)) return;
  for (const key in value) {
    const child = value[key];
    if (key === '$schema' && typeof child === 'string') visit(appendPointer(pointer, key), child);
    else if (typeof child === 'object' && child !== null && (named || !INSTANCE_KEYWORDS.has(key)))
      forEachSchemaDeclaration(child, appendPointer(pointer, key), visit, NAMING_KEYWORDS.has(key));
  }
}

/**
 * The rules a schema at a place is read by, when its side declares any `$schema`: that of the
 * nearest declaring schema at or above it, else the document's. Undefined when the side declares
 * none (every schema then reads by the side's rules, or those its caller chose: an AsyncAPI
 * payload's `schemaFormat`). Looked up ancestor by ancestor: a few map reads per comparison.
 */
export function dialectLookup(
  declarations: readonly DialectDeclaration[],
  documentRules: SchemaDialect,
): ((place: Place) => SchemaDialect | undefined) | undefined {
  if (declarations.length === 0) return undefined;
  const byFile = new Map<string, Map<string, SchemaDialect>>();
  for (const d of declarations) {
    let holders = byFile.get(d.file);
    if (!holders) byFile.set(d.file, (holders = new Map()));
    const holder = d.pointer.slice(0, d.pointer.lastIndexOf('/'));
    holders.set(holder, rulesOfDialect(d.uri) ?? '2020-12');
  }
  return (place) => {
    const holders = byFile.get(place.file);
    if (!holders) return documentRules;
    for (let p = place.pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const rules = holders.get(p);
      if (rules) return rules;
      if (p === '') return documentRules;
    }
  };
}

/**
 * Only OpenAPI 3.1 and later give schemas a dialect. OpenAPI 3.0 and Swagger 2.0 schema objects,
 * and the draft-07 schemas AsyncAPI extends (its payloads' default), follow the 3.0 rules (see
 * SchemaDialect); an AsyncAPI payload declared in another dialect is read by it where it is compared.
 */
export function hasSchemaDialects(kind: ContractKind, specVersion: string): boolean {
  return kind === 'openapi' && !/^(2|3\.0)(\.|$)/.test(specVersion);
}

/**
 * How an OpenAPI 3.1 document's schemas read: by its `jsonSchemaDialect` (JSON Schema 2020-12, the
 * OpenAPI base dialect, when it names none or one the core does not know — said in dialect.ts).
 */
export function documentRules(root: unknown): SchemaDialect {
  const declared = isRecord(root) ? root.jsonSchemaDialect : undefined;
  return (typeof declared === 'string' ? rulesOfDialect(declared) : undefined) ?? '2020-12';
}
