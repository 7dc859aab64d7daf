import { token } from '../core/inert-text.js';
import type { Finding } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import type { LocatedDocument } from '../core/located-document.js';
import { forEachLimited } from '../core/concurrency.js';
import { dirname, joinPath, resolveRepoPath } from '../core/paths.js';
import type { Adr, BlueprintModel, ContractEntry } from '../model/types.js';
import { buildModel } from '../model/build-model.js';
import type { BlueprintPartData } from '../model/build-model.js';
import { findingAt, loadFinding, readFailureFinding } from './diagnostics.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { LoadLimits } from './limits.js';
import { parseMadr } from './madr.js';
import { DocumentReader } from './read-document.js';
import { withoutWrongTypes } from './wrong-types.js';
import { isAdrPath, isDocumentPath } from './blueprint-files.js';
import { createSchemaValidator } from './schema-validation.js';
import type { SchemaValidator } from './schema-validation.js';
import { loadContract } from './load-contract.js';
import type { ContractValidator } from './contract-validation.js';
import { append } from '../core/arrays.js';

export const BLUEPRINT_FILE = 'blueprint.yaml';

/** Contracts read and validated at once: enough to overlap slow reads, few enough to bound memory. */
const CONTRACTS_AT_ONCE = 8;

export interface LoadOptions {
  limits?: Partial<LoadLimits>;
  /** Run the OpenAPI/AsyncAPI validators (slow for AsyncAPI); off when only a diff is wanted. */
  validateContracts?: boolean;
  /** Share one compiled validator across loads. */
  validator?: SchemaValidator;
}

export interface LoadResult {
  /**
   * Undefined when a file the blueprint is made of (blueprint.yaml, an include, a policies file)
   * cannot be read or parsed, or is not a mapping: a model missing part of its elements would be
   * judged as if they had been removed. The findings then say why, and nothing else is judged.
   */
  model: BlueprintModel | undefined;
  findings: Finding[];
  /**
   * The schema findings (also in `findings`) of values of the wrong type (`owner: 12345`), which the
   * model leaves out: what is built from the model does not show them.
   */
  leftOut: Finding[];
}

/** Reads one blueprint folder from a snapshot into the typed model, reporting every problem as a finding. */
export async function loadBlueprint(
  source: FileSource,
  root: string,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const reader = new DocumentReader(source, limits);
  const validator = options.validator ?? createSchemaValidator();
  const findings: Finding[] = [];
  const leftOut: Finding[] = [];
  const validate = (kind: 'blueprint' | 'policies', doc: LocatedDocument, value: Record<string, unknown>) =>
    validatedPart(validator, kind, doc, value, { findings, leftOut });
  // Most of what follows reads files under the folder: a source that pays per read fetches them together.
  await source.prefetch?.(root);

  const rootFile = joinPath(root, BLUEPRINT_FILE);
  const parts = await readParts(reader, validate, rootFile, findings);
  const policyDocs = parts.complete ? await readPolicies(reader, validate, root, findings) : undefined;
  if (!parts.complete || !policyDocs?.complete) return { model: undefined, findings, leftOut };

  const adrFiles = await readAdrs(reader, root, findings);
  const adrs = adrFiles.map((a) => a.adr);
  const documents = new Map<string, LocatedDocument>();
  for (const part of [...parts.parts, ...policyDocs.parts]) documents.set(part.doc.file, part.doc);
  for (const { document } of adrFiles) documents.set(document.file, document);

  const model = buildModel({ root, parts: parts.parts, policies: policyDocs.parts, adrs, documents });
  const contractValidator = options.validateContracts === false ? undefined : validator.contracts;
  await loadContracts(reader, model.contracts, documents, contractValidator, findings);
  if (reader.count > limits.maxFiles) {
    findings.push(
      loadFinding(
        'schema/too-many-files',
        `The blueprint reads more than ${limits.maxFiles} files (limits.maxFiles); files past the limit were not read.`,
        rootFile,
      ),
    );
  }
  return { model, findings, leftOut };
}

/**
 * Attaches each contract's document to its entry, which completes the flows that point at it
 * (buildModel), and adds to `findings` what loading found. A file several contracts share is parsed
 * once, and its own problems (its syntax) are the same findings in each contract's tree: reported once.
 */
async function loadContracts(
  reader: DocumentReader,
  contracts: readonly ContractEntry[],
  documents: Map<string, LocatedDocument>,
  validator: ContractValidator | undefined,
  findings: Finding[],
): Promise<void> {
  const reported = new Set<Finding>();
  await forEachLimited(contracts, CONTRACTS_AT_ONCE, async (contract) => {
    const loaded = await loadContract(reader, contract, documents, { validator });
    for (const finding of loaded.findings)
      if (!reported.has(finding)) {
        reported.add(finding);
        findings.push(finding);
      }
    if (loaded.document) contract.document = loaded.document;
  });
}

/** Files read into the model; `complete` is false when one could not be read, parsed or used. */
interface Parts {
  parts: BlueprintPartData[];
  complete: boolean;
}

type Validate = (
  kind: 'blueprint' | 'policies',
  doc: LocatedDocument,
  value: Record<string, unknown>,
) => BlueprintPartData;

/**
 * The part as the model reads it: every schema violation is a finding, and values of the wrong type
 * are left out (their findings also go to `leftOut`).
 */
function validatedPart(
  validator: SchemaValidator,
  kind: 'blueprint' | 'policies',
  doc: LocatedDocument,
  value: Record<string, unknown>,
  out: { findings: Finding[]; leftOut: Finding[] },
): BlueprintPartData {
  const violations = validator.validate(kind, value);
  const pruned = withoutWrongTypes(value, violations);
  for (const v of violations) {
    const finding = findingAt('schema/invalid', `${token(doc.file)}: ${v.message}`, doc, v.pointer);
    out.findings.push(finding);
    if (pruned.leftOut.includes(v)) out.leftOut.push(finding);
  }
  return { doc, value: pruned.value };
}

/** blueprint.yaml and everything it includes, depth first, each file once. */
async function readParts(
  reader: DocumentReader,
  validate: Validate,
  rootFile: string,
  findings: Finding[],
): Promise<Parts> {
  const parts: BlueprintPartData[] = [];
  let complete = true;
  const visit = async (file: string, chain: string[], from?: IncludedFrom): Promise<void> => {
    if (chain.includes(file)) {
      findings.push(includeCycle(file, chain, from!));
      return;
    }
    if (parts.some((p) => p.doc.file === file)) return;
    const { doc, findings: readFindings } = await reader.document(file, from);
    append(findings, readFindings);
    const value = doc && mappingOrReport(doc, 'blueprint', findings);
    if (!doc || !value) {
      complete = false;
      return;
    }
    parts.push(validate('blueprint', doc, value));
    for (const { target, pointer } of includeTargets(value)) {
      const resolved = resolveRepoPath(dirname(file), target);
      if (resolved.kind === 'rejected')
        findings.push(findingAt('schema/unsafe-path', `include ${resolved.reason}.`, doc, pointer));
      else await visit(resolved.path, [...chain, file], { doc, pointer });
    }
  };
  await visit(rootFile, []);
  return { parts, complete };
}

/** Where a file is included: the including document and the pointer of its `include` item. */
interface IncludedFrom {
  doc: LocatedDocument;
  pointer: string;
}

function includeCycle(file: string, chain: readonly string[], from: IncludedFrom): Finding {
  return findingAt(
    'schema/include-cycle',
    `${file} is included again by ${chain.at(-1)}: includes form a cycle (${[...chain, file].join(' → ')}).`,
    from.doc,
    from.pointer,
  );
}

/** The paths a part's `include` names, as written, with their pointers (other items are not paths). */
function includeTargets(value: Record<string, unknown>): { target: string; pointer: string }[] {
  // The list as written, not the model's copy: an item of the wrong type is cut out of that copy,
  // and the items after it would take the positions (and the lines) of the ones above them.
  const includes = value.include;
  if (!Array.isArray(includes)) return [];
  return [...includes.entries()]
    .filter((entry): entry is [number, string] => typeof entry[1] === 'string')
    .map(([i, target]) => ({ target, pointer: `/include/${i}` }));
}

/**
 * The document's top level as a mapping, or undefined after one finding that says what it is
 * instead (a list, a string, nothing): the schema's "/ must be object" is not said again.
 */
function mappingOrReport(
  doc: LocatedDocument,
  kind: 'blueprint' | 'policies',
  findings: Finding[],
): Record<string, unknown> | undefined {
  if (isRecord(doc.value)) return doc.value;
  const what =
    doc.value === null || doc.value === undefined
      ? 'empty'
      : Array.isArray(doc.value)
        ? 'a list'
        : `a single ${typeof doc.value} value`;
  const expected =
    kind === 'blueprint'
      ? 'a mapping with apiVersion, kind: Blueprint, metadata, systems, flows, …'
      : 'a mapping with apiVersion, kind: Policies and the errorHandling and security policies';
  findings.push(
    findingAt('schema/invalid', `${token(doc.file)} is ${what}; it must be ${expected}.`, doc, ''),
  );
  return undefined;
}

async function readPolicies(
  reader: DocumentReader,
  validate: Validate,
  root: string,
  findings: Finding[],
): Promise<Parts> {
  const files = (await reader.source.list(joinPath(root, 'policies'))).filter(isDocumentPath);
  const out: BlueprintPartData[] = [];
  let complete = true;
  for (const file of files) {
    const { doc, findings: readFindings } = await reader.document(file);
    append(findings, readFindings);
    const value = doc && mappingOrReport(doc, 'policies', findings);
    if (!doc || !value) {
      complete = false;
      continue;
    }
    out.push(validate('policies', doc, value));
  }
  return { parts: out, complete };
}

async function readAdrs(
  reader: DocumentReader,
  root: string,
  findings: Finding[],
): Promise<{ adr: Adr; document: LocatedDocument }[]> {
  const files = (await reader.source.list(joinPath(root, 'adr'))).filter(isAdrPath);
  const adrs: { adr: Adr; document: LocatedDocument }[] = [];
  for (const file of files) {
    const result = await reader.readText(file);
    if (result.kind !== 'ok') {
      findings.push(readFailureFinding(result, file)!);
      continue;
    }
    const parsed = parseMadr(file, result.text);
    append(findings, parsed.findings);
    adrs.push({ adr: parsed.adr, document: parsed.document });
  }
  return adrs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
