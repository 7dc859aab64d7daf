/**
 * One side of a pull request (base or head): loads each blueprint folder at most once, without the
 * slow spec validation of contracts, and validates only the contracts it is asked about — the ones
 * the pull request changes. Unchanged contracts are parsed (to build the model) but never validated
 * or diffed: their validation findings cannot differ between base and head.
 */
import type { Finding } from '../core/finding.js';
import type { FileSource } from '../core/file-source.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { LoadResult } from '../load/load-blueprint.js';
import { loadContract } from '../load/load-contract.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { LoadLimits } from '../load/limits.js';
import { DocumentReader } from '../load/read-document.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import type { ContractEntry } from '../model/types.js';

export class Snapshot {
  private readonly loads = new Map<string, Promise<LoadResult>>();
  private readonly limits: LoadLimits;

  constructor(
    readonly source: FileSource,
    private readonly validator: SchemaValidator,
    limits: Partial<LoadLimits> | undefined,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  load(root: string): Promise<LoadResult> {
    let pending = this.loads.get(root);
    if (!pending) {
      pending = loadBlueprint(this.source, root, {
        validateContracts: false,
        validator: this.validator,
        limits: this.limits,
      });
      this.loads.set(root, pending);
    }
    return pending;
  }

  /** Spec-validation findings (`schema/contract-invalid`) of one contract; read problems are already known. */
  async validateContract(root: string, entry: ContractEntry): Promise<Finding[]> {
    const loaded = await this.load(root);
    if (!loaded.model || !entry.document) return [];
    const reader = new DocumentReader(this.source, this.limits);
    const result = await loadContract(reader, entry, new Map(loaded.model.documents), {
      validator: this.validator.contracts,
    });
    return result.findings.filter((f) => f.ruleId === 'schema/contract-invalid');
  }
}
