/**
 * Which registered contracts a pull request changes. A contract's document counts as changed when
 * any file of its document tree (the root and every file its `$ref`s reach) is among the changed
 * files, so unchanged contracts are never re-validated or re-diffed.
 */
import { contractFiles } from '../model/contract-files.js';
import type { BlueprintModel, ContractEntry } from '../model/types.js';
import { pairElements } from './element-diff.js';
import type { ContractChangeKind } from './types.js';

export interface ContractPair {
  id: string;
  base?: ContractEntry;
  head?: ContractEntry;
  kind: ContractChangeKind;
}

/**
 * Contracts added, removed, with a changed document, or with only a changed registry entry.
 * `changedPaths` holds every changed path at head and at base (renames contribute both).
 */
export function changedContracts(
  base: BlueprintModel | undefined,
  head: BlueprintModel | undefined,
  changedPaths: ReadonlySet<string>,
): ContractPair[] {
  const pairs = pairElements(
    base && { model: base, items: base.contracts },
    head && { model: head, items: head.contracts },
  );
  const out: ContractPair[] = [];
  for (const pair of pairs) {
    if (pair.change === 'added' || pair.change === 'removed') {
      out.push({ id: pair.id, base: pair.base, head: pair.head, kind: pair.change });
      continue;
    }
    const files = new Set([...contractFiles(base!, pair.base!), ...contractFiles(head!, pair.head!)]);
    const documentChanged =
      pair.base!.path !== pair.head!.path || [...files].some((file) => changedPaths.has(file));
    if (documentChanged)
      out.push({ id: pair.id, base: pair.base, head: pair.head, kind: 'document-changed' });
    else if (pair.change === 'modified')
      out.push({ id: pair.id, base: pair.base, head: pair.head, kind: 'entry-changed' });
  }
  return out;
}
