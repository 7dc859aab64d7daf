import { foreignText, quoted, token } from '../core/inert-text.js';
import type { Finding } from '../core/finding.js';
import type { LocatedDocument } from '../core/located-document.js';
import type { ContractDocument, ContractEntry } from '../model/types.js';
import { findingAt, loadFinding } from './diagnostics.js';
import { describeContract, detectContractKind, misdeclaredSpecVersion } from './contract-model.js';
import type { ContractValidator } from './contract-validation.js';
import type { DocumentReader } from './read-document.js';
import { append } from '../core/arrays.js';

/**
 * Reads a registered contract and the files its `$ref`s reach, checks it is a valid OpenAPI or
 * AsyncAPI document (when given a validator), and describes its operations, channels and security
 * schemes.
 */
export async function loadContract(
  reader: DocumentReader,
  entry: ContractEntry,
  documents: Map<string, LocatedDocument>,
  options: { validator?: ContractValidator },
): Promise<{ document?: ContractDocument; findings: Finding[] }> {
  const registry = documents.get(entry.loc.file);
  const filePointer = `${entry.loc.pointer}/file`;
  if (entry.path === undefined) return { findings: [outsideRepository(entry, registry, filePointer)] };
  const tree = await reader.documentTree(
    entry.path,
    registry ? { doc: registry, pointer: filePointer } : undefined,
  );
  const findings = [...tree.findings];
  const root = tree.documents.get(entry.path);
  if (!root)
    return { findings: [...findings, ...unreadable(entry, entry.path, registry, filePointer, findings)] };
  for (const [path, doc] of tree.documents) documents.set(path, doc);

  const detected = detectContractKind(root.value);
  if (!detected) return { findings: [...findings, notAContract(entry.path, root)] };
  // A tree that already has findings is not validated: its documents are incomplete.
  if (options.validator && tree.findings.length === 0)
    append(
      findings,
      await invalidities(reader, options.validator, { path: entry.path, root, tree, detected }),
    );
  return { document: describeContract(root, tree.documents, detected.kind, detected.specVersion), findings };
}

/**
 * The contract's file could not be read: said at the registry entry too, so the author sees which
 * contract is missing — unless a finding already says why (at the entry: a refused path; in the file
 * itself: it does not parse), where a second one would only claim, wrongly, that the file does not
 * exist.
 */
function unreadable(
  entry: ContractEntry,
  path: string,
  registry: LocatedDocument | undefined,
  filePointer: string,
  findings: readonly Finding[],
): Finding[] {
  const explained = findings.some((f) => f.file === entry.loc.file || f.file === path);
  if (!registry || explained) return [];
  const message = `Contract ${quoted(entry.id)} names ${token(path)}, which could not be read.`;
  return [findingAt('schema/missing-file', message, registry, filePointer)];
}

/** A file that is neither OpenAPI nor AsyncAPI, or declares a version of neither it can be read as. */
function notAContract(path: string, root: LocatedDocument): Finding {
  const misdeclared = misdeclaredSpecVersion(root.value);
  return findingAt(
    'schema/contract-invalid',
    misdeclared
      ? `${token(path)} is not read as a contract: ${misdeclared.reason}.`
      : `${token(path)} is neither OpenAPI (no "openapi"/"swagger" field) nor AsyncAPI (no "asyncapi" field).`,
    root,
    misdeclared?.pointer ?? '',
  );
}

function outsideRepository(
  entry: ContractEntry,
  registry: LocatedDocument | undefined,
  filePointer: string,
): Finding {
  const message = `Contract ${quoted(entry.id)} file ${quoted(entry.file)} points outside the repository; only repository files are read.`;
  return registry
    ? findingAt('schema/unsafe-path', message, registry, filePointer)
    : loadFinding('schema/unsafe-path', message, entry.loc.file);
}

/** The contract checked against its specification's schema: a finding per problem, in its file. */
async function invalidities(
  reader: DocumentReader,
  validator: ContractValidator,
  contract: {
    path: string;
    root: LocatedDocument;
    tree: { documents: Map<string, LocatedDocument> };
    detected: NonNullable<ReturnType<typeof detectContractKind>>;
  },
): Promise<Finding[]> {
  const { path, root, tree, detected } = contract;
  const text = await reader.readText(path);
  const problems = await validator.validate({
    kind: detected.kind,
    rootFile: path,
    rootText: text.kind === 'ok' ? text.text : JSON.stringify(root.value),
    documents: tree.documents,
  });
  return problems.map((p) =>
    findingAt(
      'schema/contract-invalid',
      `${token(p.file)} is not a valid ${label(detected.kind, detected.specVersion)} document: ${foreignText(p.message)}`,
      tree.documents.get(p.file) ?? root,
      p.pointer,
    ),
  );
}

function label(kind: 'openapi' | 'asyncapi', version: string): string {
  return `${kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} ${version}`;
}
