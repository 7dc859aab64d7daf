import { createHash } from 'node:crypto';
import type { LocatedDocument } from '../core/located-document.js';
import { AsyncApiValidator } from './asyncapi-validation.js';
import { OpenApiValidator } from './openapi-validation.js';
import { dereferencedSize } from './dereferenced-size.js';
import { MAX_EXPANDED_VALUES, refExpansion } from './ref-expansion.js';
import type { ContractProblem } from './snapshot-files.js';

export type { ContractProblem } from './snapshot-files.js';

/** A contract as the spec validators see it: its root file and every file its `$ref`s reach. */
export interface ContractFiles {
  kind: 'openapi' | 'asyncapi';
  rootFile: string;
  /** The root file's text: the AsyncAPI parser reads text (with its own YAML parser). */
  rootText: string;
  documents: ReadonlyMap<string, LocatedDocument>;
}

/**
 * Spec validation of contracts by the field's own parsers (swagger-parser, @asyncapi/parser), set
 * up once per process: each compiles the spec's JSON Schema the first time it is needed, not for
 * every document, and results are remembered by the content they were computed from (a contract
 * unchanged since the last push is not validated again).
 */
export interface ContractValidator {
  validate(contract: ContractFiles): Promise<ContractProblem[]>;
  /**
   * Loads both parsers now rather than at the first contract of their kind (seconds of CPU for
   * @asyncapi/parser): a worker thread does so before it takes jobs, so no job's time budget pays it.
   */
  prepare(): Promise<void>;
}

/** Results remembered by default: enough for the contracts of several large blueprints. */
const DEFAULT_CACHED_RESULTS = 4096;

export function createContractValidator(
  options: { cachedResults?: number; maxExpandedValues?: number } = {},
): ContractValidator {
  const openApi = new OpenApiValidator();
  const asyncApi = new AsyncApiValidator();
  const cache = new ResultCache(options.cachedResults ?? DEFAULT_CACHED_RESULTS);
  const limit = options.maxExpandedValues ?? MAX_EXPANDED_VALUES;
  return {
    async prepare() {
      await Promise.all([openApi.prepare(), asyncApi.prepare()]);
    },
    validate(contract) {
      return cache.get(contentKey(contract), async () => {
        if (expandedSize(contract, limit) > limit) return [tooManyExpandedValues(contract.rootFile, limit)];
        return contract.kind === 'openapi'
          ? openApi.validate(contract.rootFile, contract.documents)
          : asyncApi.validate(contract.rootFile, contract.rootText, contract.documents);
      });
    },
  };
}

/**
 * What the validator would walk, measured the way its parser dereferences: swagger-parser leaves a
 * reference into a cycle in place (dereferenced-size.ts). @asyncapi/parser dereferences through
 * Spectral's resolver, not measured so: the stricter count (ref-expansion.ts, where only a reference
 * back into a value it is inside stays) is kept for it.
 */
function expandedSize(contract: ContractFiles, limit: number): number {
  return contract.kind === 'openapi'
    ? dereferencedSize(contract.documents, contract.rootFile, limit)
    : refExpansion(contract.documents, contract.rootFile, limit);
}

function tooManyExpandedValues(rootFile: string, limit: number): ContractProblem {
  return {
    file: rootFile,
    pointer: '',
    message:
      `its $refs resolve to more than ${limit.toLocaleString('en-US')} values (references that fan out and ` +
      `meet again, such as a schema that combines another twice, which combines the next twice, …), so ` +
      `it was not validated: a validator resolving them would not finish. Refer to each shared schema ` +
      `once per level, or flatten the chain.`,
  };
}

/** What a validation result depends on: the kind, and every file's path (messages name them) and content. */
function contentKey(contract: ContractFiles): string {
  const hash = createHash('sha256').update(`${contract.kind}\0${contract.rootFile}\0${contract.rootText}\0`);
  for (const path of [...contract.documents.keys()].sort()) {
    if (path === contract.rootFile) continue;
    hash.update(`${path}\0${JSON.stringify(contract.documents.get(path)!.value) ?? ''}\0`);
  }
  return hash.digest('hex');
}

/** A bounded map from content key to result (least recently used evicted); failures are not kept. */
class ResultCache {
  private readonly entries = new Map<string, Promise<ContractProblem[]>>();

  constructor(private readonly max: number) {}

  get(key: string, compute: () => Promise<ContractProblem[]>): Promise<ContractProblem[]> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = compute();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return pending;
  }
}
