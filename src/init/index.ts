/**
 * `blueprint-review init`, the pure part: read the contracts and the catalog of a repository
 * snapshot, infer the topology, render it as blueprint files, lint those as they would be written,
 * and — for `--update` — compare the sources with the blueprint already there. Nothing here writes:
 * the CLI decides what reaches the disk.
 */
import type { Finding } from '../core/finding.js';
import { compareFindings } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import { OverlayFileSource } from '../core/file-source.js';
import type { LocatedDocument } from '../core/located-document.js';
import { parseLocated } from '../core/located-document.js';
import { joinPath } from '../core/paths.js';
import type { EffectiveRule } from '../engine/config.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { describeContract, detectContractKind } from '../load/contract-model.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { LoadOptions } from '../load/load-blueprint.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { LoadLimits } from '../load/limits.js';
import { DocumentReader } from '../load/read-document.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { CatalogEntity, DefinitionSource } from './backstage.js';
import { definitionOf, inlineExtension, readCatalog } from './backstage.js';
import type { ContractFacts } from './contracts.js';
import { contractFacts, readContracts } from './contracts.js';
import { driftFindings } from './drift.js';
import { evidenceAt, initFinding } from './evidence.js';
import { entityId, inferTopology } from './infer/index.js';
import type { GeneratedFile } from './render.js';
import { isEmpty, renderBlueprint } from './render.js';
import type { InferredTopology, InitSourceKind } from './types.js';
import { quoted, token } from '../core/inert-text.js';

export type { GeneratedFile } from './render.js';
export type { InferredTopology, InitSourceKind } from './types.js';
export { todoGroups } from './todo.js';

export interface InitOptions {
  /** Repository folder whose contracts and catalog files are read ('' for the whole snapshot). */
  under: string;
  /** Repository folder of the blueprint. */
  out: string;
  from: readonly InitSourceKind[];
  /** Blueprint name unless the catalog has exactly one System. */
  name: string;
  limits?: Partial<LoadLimits>;
}

export interface InitPlan {
  topology: InferredTopology;
  files: GeneratedFile[];
  /** Problems in the sources; an `error` means the blueprint would be incomplete. */
  findings: Finding[];
  /** The sources gave nothing to write: the files are the starter blueprint, to fill in by hand. */
  starter: boolean;
}

export async function planInit(source: FileSource, options: InitOptions): Promise<InitPlan> {
  const { topology, findings } = await inferFromSources(source, options);
  const files = renderBlueprint(topology, options.out, sourcesRead(topology.read));
  return { topology, files, findings, starter: isEmpty(topology) };
}

/** The generated blueprint linted as it would be on disk: the to-do list. */
export async function lintPlan(
  source: FileSource,
  plan: InitPlan,
  out: string,
  rules: readonly EffectiveRule[],
  options: LoadOptions = {},
): Promise<Finding[]> {
  const overlay = new OverlayFileSource(source, new Map(plan.files.map((f) => [f.path, f.text])));
  return (await lintBlueprint(overlay, out, rules, options)).findings;
}

/** `init --update`: the sources' problems, then every way the blueprint at `options.out` lags them. */
export async function checkDrift(
  source: FileSource,
  options: InitOptions,
  validator?: SchemaValidator,
): Promise<{ topology: InferredTopology; findings: Finding[] }> {
  const { topology, findings } = await inferFromSources(source, options);
  const loaded = await loadBlueprint(source, options.out, {
    validateContracts: false,
    limits: options.limits,
    validator,
  });
  const drift = loaded.model ? driftFindings(topology, loaded.model) : loaded.findings;
  return { topology, findings: [...findings, ...drift].sort(compareFindings) };
}

async function inferFromSources(
  source: FileSource,
  options: InitOptions,
): Promise<{ topology: InferredTopology; findings: Finding[] }> {
  const reader = new DocumentReader(source, { ...DEFAULT_LIMITS, ...options.limits });
  const none = () => false;
  const documents = options.from.includes('contracts')
    ? await readContracts(reader, options.under, none)
    : { contracts: [], notRead: [], findings: [] };
  const catalog = options.from.includes('backstage')
    ? await readCatalog(reader, options.under, none)
    : { entities: [], files: [], findings: [] };
  const inlinePath = (api: CatalogEntity, extension: 'yaml' | 'json') =>
    joinPath(options.out, 'contracts', `${entityId(api)}.${extension}`);
  const definitions = await readDefinitions(reader, catalog.entities, documents.contracts, inlinePath);
  const inferred = inferTopology({
    name: options.name,
    contracts: documents.contracts,
    contractsNotRead: documents.notRead,
    definitions: definitions.facts,
    entities: catalog.entities,
    catalogFiles: catalog.files,
    inlinePath,
  });
  const findings = [
    ...documents.findings,
    ...catalog.findings,
    ...definitions.findings,
    ...inferred.findings,
  ];
  return { topology: inferred.topology, findings: findings.sort(compareFindings) };
}

/** The documents the catalog's APIs define, read for their channels (files once, inline as written). */
async function readDefinitions(
  reader: DocumentReader,
  entities: readonly CatalogEntity[],
  known: readonly ContractFacts[],
  inlinePath: (api: CatalogEntity, extension: 'yaml' | 'json') => string,
): Promise<{ facts: Map<string, ContractFacts>; findings: Finding[] }> {
  const facts = new Map(known.map((f) => [f.path, f]));
  const findings: Finding[] = [];
  for (const api of entities.filter((e) => e.kind.toLowerCase() === 'api')) {
    const definition = definitionOf(api);
    if (definition.kind === 'file') {
      if (facts.has(definition.path)) continue;
      const read = await fileDefinition(reader, api, definition);
      if ('facts' in read) facts.set(definition.path, read.facts);
      else findings.push(read.finding);
    } else if (definition.kind === 'inline') {
      const path = inlinePath(api, inlineExtension(definition.text));
      const parsed = parseLocated(path, definition.text, { maxAliasCount: reader.limits.maxAliasCount });
      const inline =
        parsed.kind === 'ok' ? asContract(parsed.document, new Map([[path, parsed.document]])) : undefined;
      if (inline) facts.set(path, inline);
    }
  }
  return { facts, findings };
}

/** The contract in the file an API names, or a finding where it cannot be read or is no contract. */
async function fileDefinition(
  reader: DocumentReader,
  api: CatalogEntity,
  definition: Extract<DefinitionSource, { kind: 'file' }>,
): Promise<{ facts: ContractFacts } | { finding: Finding }> {
  const tree = await reader.documentTree(definition.path);
  const root = tree.documents.get(definition.path);
  const facts = root ? asContract(root, tree.documents) : undefined;
  if (facts) return { facts };
  return {
    finding: initFinding(
      'init/unknown-reference',
      'error',
      `API ${quoted(api.name)} is defined by ${token(definition.path)}, which ${root ? 'is not an OpenAPI or AsyncAPI document' : 'could not be read'}.`,
      evidenceAt(api.doc, definition.pointer),
    ),
  };
}

/** What `root` (with the documents its refs reach) tells as a contract; undefined when it is none. */
function asContract(
  root: LocatedDocument,
  documents: Map<string, LocatedDocument>,
): ContractFacts | undefined {
  const detected = detectContractKind(root.value);
  if (!detected) return undefined;
  return contractFacts(
    root,
    documents,
    describeContract(root, documents, detected.kind, detected.specVersion),
  );
}

/** What the header says the blueprint came from: the sources actually read, not those asked for. */
function sourcesRead(read: InferredTopology['read']): string[] {
  return [
    ...(read.contracts > 0 ? ['the OpenAPI/AsyncAPI files'] : []),
    ...(read.catalogFiles > 0 ? ['the Backstage catalog'] : []),
  ];
}
