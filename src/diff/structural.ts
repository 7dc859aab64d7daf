import type { ContractTree } from './load.js';
import { fileAlignment } from './file-alignment.js';
import type { Sameness } from './equality.js';
import type { Place } from './types.js';
import { append } from '../core/arrays.js';
import { ChangeMarks } from './change-marks.js';
import type { RefHolder } from './structural-walk.js';
import { StructuralWalk } from './structural-walk.js';

/**
 * The structural diff: what changed between two contract trees, as JSON pointers, before anyone
 * judges whether it breaks. Files are aligned by path and values by key (arrays by index), so the
 * same pointer names "the same element" on both sides.
 *
 * It also answers `unchanged(file, pointer)`: is the subtree identical on both sides, including
 * everything it reaches through `$ref`s? The semantic comparison asks that first and skips whatever
 * did not change, which is what keeps a diff of two 12 MB descriptions close to the cost of reading
 * them.
 */
export interface StructuralChange {
  kind: 'added' | 'removed' | 'changed';
  base?: Place;
  head?: Place;
}

export interface StructuralDiff extends Sameness {
  changes: StructuralChange[];
}

export function structuralDiff(base: ContractTree, head: ContractTree): StructuralDiff {
  const files = fileAlignment(base, head);
  const marks = new ChangeMarks();
  const walk = new StructuralWalk(base, head, files, marks);
  walk.compareDocuments();
  propagateThroughRefs(walk.holders, marks);
  const unchanged = (file: string, pointer: string) => !marks.changedAt(`${file}#${pointer}`);
  const samePlace = (b: Place, h: Place) => b.pointer === h.pointer && files.headFileOf(b.file) === h.file;
  return {
    changes: walk.changes,
    unchanged,
    samePlace,
    headFileOf: files.headFileOf,
    baseFileOf: files.baseFileOf,
    sameNode: (b, h) => samePlace(b, h) && unchanged(b.file, b.pointer),
    // Its marks are by place: two places are never known alike here (the comparison looks).
    sameElsewhere: () => false,
  };
}

/**
 * A holder of an identical `$ref` changes when its target does, and marking it dirty may change
 * the target of further holders: propagate until nothing moves.
 */
function propagateThroughRefs(holders: readonly RefHolder[], marks: ChangeMarks): void {
  const byTarget = new Map<string, RefHolder[]>();
  for (const holder of holders) {
    const list = byTarget.get(holder.targetKey);
    if (list) list.push(holder);
    else byTarget.set(holder.targetKey, [holder]);
  }
  const queue: RefHolder[] = [];
  for (const [targetKey, list] of byTarget) if (marks.changedAt(targetKey)) append(queue, list);
  while (queue.length > 0) {
    const holder = queue.pop()!;
    marks.markDirty(holder.file, holder.pointer, (key) => {
      const dependents = byTarget.get(key);
      if (dependents) append(queue, dependents);
    });
  }
}
