/**
 * The breaking-change verdict for every contract whose document a pull request changes, computed
 * with the contract diff (`src/diff`) when the caller has none (the CLI; the app passes the review's).
 * The versioning strategy and the consumers come from the BASE: a PR cannot declare its own consent.
 */
import type { FileSource } from '../core/file-source.js';
import { diffContracts } from '../diff/diff-contracts.js';
import { createParseCache } from '../diff/load.js';
import type { BlueprintModel } from '../model/types.js';
import type { ChangedFile, ContractDiffSummary } from './contract-changes.js';
import { contractFiles } from '../model/contract-files.js';
import { treeChanged } from './contract-changes.js';
import { consumersOf } from './owners.js';

const MAX_LINES = 5;

export async function diffChangedContracts(input: {
  base: readonly BlueprintModel[];
  head: readonly BlueprintModel[];
  baseSource: FileSource;
  headSource: FileSource;
  changedFiles: readonly ChangedFile[];
}): Promise<ContractDiffSummary[]> {
  const changedFiles = new Map(input.changedFiles.map((f) => [f.path, f]));
  const cache = createParseCache();
  const out: ContractDiffSummary[] = [];
  for (const base of input.base) {
    const head = input.head.find((m) => m.root === base.root);
    if (!head) continue;
    for (const before of base.contracts) {
      const after = head.contracts.find((c) => c.id === before.id);
      if (!after || !before.path || !after.path) continue;
      const ctx = { base, head, changedFiles };
      if (!treeChanged(ctx, contractFiles(base, before), contractFiles(head, after))) continue;
      const result = await diffContracts(
        { source: input.baseSource, path: before.path },
        { source: input.headSource, path: after.path },
        {
          consumers: consumersOf(before, base.flows),
          ...(before.versioning ? { versioning: { strategy: before.versioning.strategy } } : {}),
          cache,
        },
      );
      const breaking = result.changes.filter((c) => c.breaking);
      out.push({
        blueprint: base.root,
        contractId: before.id,
        breaking: breaking.length > 0 || result.problems.length > 0,
        consented: breaking.length > 0 && breaking.every((c) => c.intended !== undefined),
        changes: [
          ...result.problems.map((p) => `could not be compared: ${p.message}`),
          ...(breaking.length > 0 ? breaking : result.changes).map((c) => c.message),
        ].slice(0, MAX_LINES),
      });
    }
  }
  return out;
}
