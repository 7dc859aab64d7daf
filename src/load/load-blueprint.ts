import type { Finding } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import type { LocatedDocument } from '../core/located-document.js';
import { forEachLimited } from '../core/concurrency.js';
import { dirname, joinPath, resolveRepoPath } from '../core/paths.js';
import type { Adr, BlueprintModel } from '../model/types.js';
import { buildModel } from '../model/build-model.js';
import type { BlueprintPartData } from '../model/build-model.js';
import { findingAt, loadFinding } from './diagnostics.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { LoadLimits } from './limits.js';
import { parseMadr } from './madr.js';
import { DocumentReader } from './read-document.js';
import { createSchemaValidator } from './schema-validation.js';
import type { SchemaValidator } from './schema-validation.js';
import { loadContract } from './load-contract.js';

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
  /** Undefined only when blueprint.yaml itself cannot be read or parsed. */
  model: BlueprintModel | undefined;
  findings: Finding[];
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

  const rootFile = joinPath(root, BLUEPRINT_FILE);
  const parts = await readParts(reader, validator, rootFile, findings);
  if (parts.length === 0) return { model: undefined, findings };

  const policyDocs = await readPolicies(reader, validator, root, findings);
  const adrFiles = await readAdrs(reader, root, findings);
  const adrs = adrFiles.map((a) => a.adr);
  const documents = new Map<string, LocatedDocument>();
  for (const part of [...parts, ...policyDocs]) documents.set(part.doc.file, part.doc);
  for (const { document } of adrFiles) documents.set(document.file, document);

  const model = buildModel({ root, parts, policies: policyDocs, adrs, documents });
  await forEachLimited(model.contracts, CONTRACTS_AT_ONCE, async (contract) => {
    const loaded = await loadContract(reader, contract, documents, {
      validator: options.validateContracts === false ? undefined : validator.contracts,
    });
    findings.push(...loaded.findings);
    if (loaded.document) contract.document = loaded.document;
  });
  if (reader.count > limits.maxFiles) {
    findings.push(
      loadFinding(
        'schema/too-many-files',
        `The blueprint reads more than ${limits.maxFiles} files (limits.maxFiles); files past the limit were not read.`,
        rootFile,
      ),
    );
  }
  // Flows already point at these entries (buildModel): attaching the documents completes them.
  return { model, findings };
}

/** blueprint.yaml and everything it includes, depth first, each file once. */
async function readParts(
  reader: DocumentReader,
  validator: SchemaValidator,
  rootFile: string,
  findings: Finding[],
): Promise<BlueprintPartData[]> {
  const parts: BlueprintPartData[] = [];
  const visit = async (
    file: string,
    chain: string[],
    from?: { doc: LocatedDocument; pointer: string },
  ): Promise<void> => {
    if (chain.includes(file)) {
      findings.push(
        findingAt(
          'schema/include-cycle',
          `${file} is included again by ${chain.at(-1)}: includes form a cycle (${[...chain, file].join(' → ')}).`,
          from!.doc,
          from!.pointer,
        ),
      );
      return;
    }
    if (parts.some((p) => p.doc.file === file)) return;
    const { doc, findings: readFindings } = await reader.document(file, from);
    findings.push(...readFindings);
    if (!doc) return;
    findings.push(
      ...validator
        .validate('blueprint', doc.value)
        .map((v) => findingAt('schema/invalid', `${file}: ${v.message}`, doc, v.pointer)),
    );
    parts.push({ doc, value: asRecord(doc.value) });
    const includes = asRecord(doc.value).include;
    if (!Array.isArray(includes)) return;
    for (const [i, target] of includes.entries()) {
      if (typeof target !== 'string') continue;
      const pointer = `/include/${i}`;
      const resolved = resolveRepoPath(dirname(file), target);
      if (resolved.kind === 'rejected') {
        findings.push(findingAt('schema/unsafe-path', `include ${resolved.reason}.`, doc, pointer));
        continue;
      }
      await visit(resolved.path, [...chain, file], { doc, pointer });
    }
  };
  await visit(rootFile, []);
  return parts;
}

async function readPolicies(
  reader: DocumentReader,
  validator: SchemaValidator,
  root: string,
  findings: Finding[],
): Promise<BlueprintPartData[]> {
  const files = (await reader.source.list(joinPath(root, 'policies'))).filter((f) =>
    /\.(ya?ml|json)$/i.test(f),
  );
  const out: BlueprintPartData[] = [];
  for (const file of files) {
    const { doc, findings: readFindings } = await reader.document(file);
    findings.push(...readFindings);
    if (!doc) continue;
    findings.push(
      ...validator
        .validate('policies', doc.value)
        .map((v) => findingAt('schema/invalid', `${file}: ${v.message}`, doc, v.pointer)),
    );
    out.push({ doc, value: asRecord(doc.value) });
  }
  return out;
}

async function readAdrs(
  reader: DocumentReader,
  root: string,
  findings: Finding[],
): Promise<{ adr: Adr; document: LocatedDocument }[]> {
  const files = (await reader.source.list(joinPath(root, 'adr'))).filter((f) => /\.md$/i.test(f));
  const adrs: { adr: Adr; document: LocatedDocument }[] = [];
  for (const file of files) {
    const result = await reader.readText(file);
    if (result.kind !== 'ok') {
      findings.push(loadFinding('schema/missing-file', `${file} could not be read (${result.kind}).`, file));
      continue;
    }
    const parsed = parseMadr(file, result.text);
    findings.push(...parsed.findings);
    adrs.push({ adr: parsed.adr, document: parsed.document });
  }
  return adrs;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
