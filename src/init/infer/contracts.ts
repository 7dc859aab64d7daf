/**
 * The contract registry: every catalog API of a supported type and every contract document becomes
 * one contract (keyed by its document's path, so the catalog and the document meet), with its
 * provider — the catalog's `providesApis` component, else the application the document describes.
 */
import type { CatalogEntity, DefinitionSource } from '../backstage.js';
import { definitionOf, inlineExtension } from '../backstage.js';
import type { ContractFacts } from '../contracts.js';
import { evidenceAt, initFinding } from '../evidence.js';
import { toId } from '../ids.js';
import type { InferredContract, InferredSystem } from '../types.js';
import { entityId, specOf } from './catalog.js';
import type { Inference } from './context.js';
import { stem } from './draft.js';
import { quoted } from '../../core/inert-text.js';

/** A catalog API as a contract, with the document it defines (when init could read it). */
export function addCatalogContract(
  inference: Inference,
  api: CatalogEntity,
): { contract?: InferredContract; facts?: ContractFacts } {
  const { input, catalog, draft } = inference;
  const spec = specOf(api);
  const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : '';
  const source = definitionOf(api);
  if (type !== 'openapi' && type !== 'asyncapi') {
    draft.findings.push(
      initFinding(
        'init/unsupported-api-type',
        'info',
        `API ${quoted(api.name)} is of type ${quoted(type)}; blueprints register OpenAPI and AsyncAPI contracts only, so its flows have no contract.`,
        evidenceAt(api.doc, '/spec/type'),
      ),
    );
    return {};
  }
  const path = definitionPath(inference, api, source);
  if (path === undefined) return {};
  const facts = input.definitions.get(path);
  const provider = providerOf(inference, api);
  if (provider) draft.catalogProviders.set(path, provider.id);
  if (provider && facts) mergeProtocols(provider, facts);
  const owner = catalog.ownerOf(api);
  const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
  const contract: InferredContract = {
    id: draft.contractIds.claim(entityId(api)),
    path,
    kind: type,
    owner: owner.owner,
    provider: provider?.id,
    status: lifecycle === 'production' ? 'finalized' : lifecycle === 'deprecated' ? 'deprecated' : 'draft',
    consumers: new Map(),
    consumersKnown: true,
    description: api.entity.metadata.description ?? api.entity.metadata.title,
    inline:
      source.kind === 'inline' ? { text: source.text, extension: inlineExtension(source.text) } : undefined,
    todos: [
      ...(owner.todo ? [owner.todo] : []),
      ...(provider ? [] : ['provider: no catalog component lists this API in providesApis']),
      `status: from the catalog's lifecycle (${lifecycle ?? 'none'}); finalized contracts change only with their consumers' approval`,
    ],
    evidence: evidenceAt(api.doc, '/metadata/name'),
  };
  draft.contracts.set(path, contract);
  return { contract, facts };
}

/** A contract document as a contract, unless the catalog already registered it. */
export function addDocumentContract(inference: Inference, facts: ContractFacts): void {
  const { draft } = inference;
  const existing = draft.contracts.get(facts.path);
  const provider = applicationOf(inference, facts);
  if (existing) {
    existing.kind ??= facts.kind;
    return;
  }
  draft.contracts.set(facts.path, {
    id: draft.contractIds.claim(documentContractId(facts)),
    path: facts.path,
    kind: facts.kind,
    owner: facts.owner,
    provider,
    status: 'draft',
    consumers: new Map(),
    consumersKnown: facts.kind === 'asyncapi',
    description: facts.title,
    todos: [
      ...(facts.owner ? [] : [ownerTodo(facts)]),
      'status: draft until the consumers rely on it; then finalized (changes need their approval)',
    ],
    evidence: facts.evidence,
  });
}

/** The component that `providesApis` this API; several: the first, in catalog order. */
export function providerOf({ catalog, draft }: Inference, api: CatalogEntity): InferredSystem | undefined {
  for (const use of catalog.usersOf(api, 'providesApis')) {
    const system = draft.systems.get(entityId(use.entity));
    if (system) return system;
  }
  return undefined;
}

/** The system a document describes: the catalog's provider when it has one, else the document's own. */
export function applicationOf({ draft }: Inference, facts: ContractFacts): string {
  const system = draft.systems.get(draft.catalogProviders.get(facts.path) ?? facts.system.id);
  if (system) {
    mergeProtocols(system, facts);
    return system.id;
  }
  draft.systems.set(facts.system.id, {
    id: facts.system.id,
    name: facts.system.name,
    owner: facts.owner,
    protocols: [...facts.protocols],
    auth: [...facts.auth],
    todos: facts.owner ? [] : [ownerTodo(facts)],
    evidence: facts.evidence,
  });
  return facts.system.id;
}

function definitionPath(
  { input, draft }: Inference,
  api: CatalogEntity,
  source: DefinitionSource,
): string | undefined {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'inline':
      return input.inlinePath(api, inlineExtension(source.text));
    case 'remote':
      draft.findings.push(
        initFinding(
          'init/remote-definition',
          'warning',
          `API ${quoted(api.name)} is defined at ${source.url}, which init does not fetch (no network). Copy the document into the repository, point $text at it and run init again.`,
          evidenceAt(api.doc, source.pointer),
        ),
      );
      return undefined;
    case 'unsafe':
      draft.findings.push(
        initFinding(
          'init/unsafe-reference',
          'error',
          `API ${quoted(api.name)}: ${source.reason}.`,
          evidenceAt(api.doc, source.pointer),
        ),
      );
      return undefined;
    case 'none':
      return undefined;
  }
}

/** The file's name (`orders.openapi.yaml` → `orders`), or the title when the name says nothing. */
function documentContractId(facts: ContractFacts): string {
  const name = stem(facts.path).replace(/[._-](openapi|asyncapi|swagger)$/i, '');
  const generic = /^(openapi|asyncapi|swagger|api|spec|schema|index|definition)$/i.test(name);
  return toId(generic ? (facts.title ?? name) : name, 'contract');
}

function ownerTodo(facts: ContractFacts): string {
  return facts.unusableOwner !== undefined
    ? `owner: x-owner ${quoted(facts.unusableOwner)} is not a GitHub team (org/team-slug) or login`
    : 'owner: the document has no x-owner; write the GitHub team (org/team-slug) that owns it';
}

function mergeProtocols(system: InferredSystem, facts: ContractFacts): void {
  system.protocols = [...new Set([...system.protocols, ...facts.protocols])].sort();
  system.auth = [...new Set([...system.auth, ...facts.auth])].sort();
}
