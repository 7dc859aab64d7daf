import { code, token } from '../core/inert-text.js';
import type { ChangeSink } from './emit.js';
import { isRecord } from './json.js';
import type { ContractTree } from './load.js';
import { lineIn } from './load.js';
import { appendPointer } from './pointers.js';
import type { DiffProblem } from './types.js';

/**
 * OpenAPI 3.1 schemas are JSON Schema in a dialect: the document's `jsonSchemaDialect` (default: the
 * OpenAPI base dialect), or a schema's own `$schema`. The compatibility core reads JSON Schema
 * 2020-12 and the drafts before it (2019-09 down to draft-04: array-form `items`, `dependencies`,
 * boolean `exclusiveMinimum` are read as their 2020-12 equivalents) and the OpenAPI base dialect
 * (2020-12 with annotations of its own). Any other dialect may bring vocabularies whose keywords it
 * does not know: comparing such schemas would pass their changes in silence, so each dialect it does
 * not know is a problem, said once per side, where it is first declared.
 */
const KNOWN_DIALECTS = [
  /^https:\/\/spec\.openapis\.org\/oas\/3\.[12]\/dialect\/[\w.-]+$/,
  /^https?:\/\/json-schema\.org\/draft\/(2020-12|2019-09)\/schema$/,
  /^https?:\/\/json-schema\.org\/draft-0[4-7]\/schema$/,
];

/** The OpenAPI 3.1 default, for messages: the dialect of a document that names none. */
const DEFAULT_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

/** A dialect URI as compared: an empty fragment (`…/draft-07/schema#`) names the same dialect. */
const normalised = (uri: string) => (uri.endsWith('#') ? uri.slice(0, -1) : uri);

export function isKnownDialect(uri: string): boolean {
  const u = normalised(uri);
  return KNOWN_DIALECTS.some((re) => re.test(u));
}

/** Only OpenAPI 3.1 and later give schemas a dialect; a 3.0 or 2.0 `$schema` is no keyword of theirs. */
function hasDialects(tree: ContractTree): boolean {
  return tree.kind === 'openapi' && /^3\.([1-9]|\d{2,})\./.test(tree.specVersion);
}

/** The document's declared `jsonSchemaDialect`, when it is a string. */
function documentDialect(tree: ContractTree): string | undefined {
  const root = tree.documents.get(tree.root)?.value;
  return isRecord(root) && typeof root.jsonSchemaDialect === 'string' ? root.jsonSchemaDialect : undefined;
}

/** A document-level dialect that changed (both sides OpenAPI 3.1+): information, see the check. */
export function emitDialectChange(
  paths: { base: string; head: string },
  b: ContractTree,
  h: ContractTree,
  sink: ChangeSink,
): void {
  if (!hasDialects(b) || !hasDialects(h)) return;
  const from = documentDialect(b) ?? DEFAULT_DIALECT;
  const to = documentDialect(h) ?? DEFAULT_DIALECT;
  if (normalised(from) === normalised(to)) return;
  sink.emit('json-schema-dialect-changed', {
    subject: `The JSON Schema dialect of ${code(paths.head)}`,
    base: { file: paths.base, pointer: documentDialect(b) === undefined ? '' : '/jsonSchemaDialect' },
    head: { file: paths.head, pointer: documentDialect(h) === undefined ? '' : '/jsonSchemaDialect' },
    data: { from: token(from), to: token(to) },
  });
}

/** Every dialect of the side the core does not know, at the first place that declares it. */
export function dialectProblems(tree: ContractTree): DiffProblem[] {
  if (!hasDialects(tree)) return [];
  const problems: DiffProblem[] = [];
  const seen = new Set<string>();
  const report = (file: string, pointer: string, uri: string, what: string) => {
    if (isKnownDialect(uri) || seen.has(normalised(uri))) return;
    seen.add(normalised(uri));
    const line = lineIn(tree.documents.get(file), pointer);
    problems.push({
      code: 'unsupported-dialect',
      side: tree.side,
      file,
      pointer,
      ...(line ? { line } : {}),
      message: `${what} ${token(uri)} (${tree.side}) is a JSON Schema dialect the diff does not know: its schemas were compared as JSON Schema 2020-12 (the drafts before it and the OpenAPI base dialect read alike), and keywords of that dialect's own vocabularies were not compared.`,
    });
  };
  const declared = documentDialect(tree);
  if (declared !== undefined) report(tree.root, '/jsonSchemaDialect', declared, 'jsonSchemaDialect');
  for (const [file, doc] of tree.documents)
    forEachSchemaDeclaration(doc.value, '', (pointer, uri) => report(file, pointer, uri, '$schema'));
  return problems;
}

/** Keywords whose values are instances, not schemas: a `$schema` inside one declares nothing. */
const INSTANCE_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** Keywords whose keys are names (a property may be called `default`), not keywords. */
const NAMING_KEYWORDS = new Set(['properties', 'patternProperties', 'schemas', '$defs', 'definitions']);

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
