import { code, token } from '../core/inert-text.js';
import type { ChangeSink } from './emit.js';
import { isRecord } from './json.js';
import type { ContractTree } from './load.js';
import { lineIn } from './load.js';
import { hasSchemaDialects, isKnownDialect, normalisedDialect } from './schema-dialects.js';
import type { DiffProblem } from './types.js';

/**
 * OpenAPI 3.1 schemas are JSON Schema in a dialect: the document's `jsonSchemaDialect` (default: the
 * OpenAPI base dialect), or a schema's own `$schema`. The compatibility core reads each schema by the
 * rules of its dialect (schema-dialects.ts): JSON Schema 2020-12 and 2019-09, the OpenAPI base
 * dialect (2020-12 with annotations of its own), and draft-04 to draft-07. Any other dialect may
 * bring vocabularies whose keywords it does not know: comparing such schemas would pass their changes
 * in silence, so each dialect it does not know is a problem, said once per side, where it is first
 * declared.
 */
/** The OpenAPI 3.1 default, for messages: the dialect of a document that names none. */
const DEFAULT_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

const normalised = normalisedDialect;

/** Only OpenAPI 3.1 and later give schemas a dialect; a 3.0 or 2.0 `$schema` is no keyword of theirs. */
function hasDialects(tree: ContractTree): boolean {
  return hasSchemaDialects(tree.kind, tree.specVersion);
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
      message: `${what} ${token(uri)} (${tree.side}) is a JSON Schema dialect the diff does not know: its schemas were compared as JSON Schema 2020-12, and keywords of that dialect's own vocabularies were not compared.`,
    });
  };
  const declared = documentDialect(tree);
  if (declared !== undefined) report(tree.root, '/jsonSchemaDialect', declared, 'jsonSchemaDialect');
  for (const d of tree.dialectDeclarations) report(d.file, d.pointer, d.uri, '$schema');
  return problems;
}

export { isKnownDialect };
