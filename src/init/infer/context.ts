import type { CatalogEntity } from '../backstage.js';
import type { ContractFacts } from '../contracts.js';
import type { Catalog } from './catalog.js';
import type { TopologyDraft } from './draft.js';

export interface InferInput {
  /** Default blueprint name (the folder's). */
  name: string;
  /** Contract documents whose applications and channels become topology (`--from contracts`). */
  contracts: readonly ContractFacts[];
  /** Documents the catalog's API entities define, by repository path (read for their channels). */
  definitions: ReadonlyMap<string, ContractFacts>;
  /** Catalog entities (`--from backstage`); empty when the catalog is not a source. */
  entities: readonly CatalogEntity[];
  /**
   * Catalog files read, valid entities or not: a file whose every entity is invalid was still found
   * and read, and the summary must not say there was no catalog.
   */
  catalogFiles: readonly string[];
  /** Files that look like contracts but could not be read: counted, so the summary never says 0 were there. */
  contractsNotRead: readonly string[];
  /** Where an API's inline definition is written: a repository path. */
  inlinePath: (api: CatalogEntity, extension: 'yaml' | 'json') => string;
}

/** What every step of the inference reads (the sources, the catalog resolved) and adds to (the draft). */
export interface Inference {
  input: InferInput;
  catalog: Catalog;
  draft: TopologyDraft;
}
