/**
 * The breaking-change verdict for every contract whose document a pull request changes, when the
 * caller has no review to take it from (an approval event, a re-run of the sign-off alone). It is the
 * review's own derivation — the same changed contracts, the same differ under the base config's
 * `diff` and `limits` — so the gate's verdict never depends on which event or door evaluated it.
 */
import type { FileSource } from '../core/file-source.js';
import type { BlueprintReviewConfig } from '../load/load-config.js';
import type { BlueprintModel } from '../model/types.js';
import { changedContracts } from '../review/contract-changes.js';
import { createContractDiffer, diffExtensionsOf } from '../review/contract-differ.js';
import { reviewContracts } from '../review/contract-review.js';
import { changedPathSet } from '../review/relevance.js';
import type { ChangedFile, ContractDiffSummary } from './contract-changes.js';
import { contractDiffsFromReview } from './from-review.js';

export async function contractVerdicts(input: {
  base: readonly BlueprintModel[];
  head: readonly BlueprintModel[];
  baseSource: FileSource;
  headSource: FileSource;
  changedFiles: readonly ChangedFile[];
  /** The base config's `diff` and `limits` (the review reads the same). */
  config: Pick<BlueprintReviewConfig, 'diff' | 'limits'>;
}): Promise<ContractDiffSummary[]> {
  const changedPaths = changedPathSet(input.changedFiles);
  const contractDiffer = createContractDiffer({
    ...(input.config.limits ? { limits: input.config.limits } : {}),
    extensions: diffExtensionsOf(input.config),
  });
  const sources = { base: input.baseSource, head: input.headSource, contractDiffer };
  const out: ContractDiffSummary[] = [];
  for (const base of input.base) {
    const head = input.head.find((m) => m.root === base.root);
    if (!head) continue;
    const pairs = changedContracts(base, head, changedPaths).filter((p) => p.kind === 'document-changed');
    out.push(...contractDiffsFromReview(await reviewContracts(sources, base.root, pairs, base, head)));
  }
  return out;
}
