import { collectRefs, refTarget } from '../core/refs.js';
import type { BlueprintModel, ContractEntry } from './types.js';

/**
 * The repository paths of a contract's document tree as far as it was loaded: the root document and
 * every file its external `$ref`s reach, sorted. A contract counts as changed when any of them is.
 */
export function contractFiles(model: BlueprintModel, entry: ContractEntry): string[] {
  if (entry.path === undefined) return [];
  const seen = new Set<string>([entry.path]);
  const queue = [entry.path];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const doc = model.documents.get(file);
    if (!doc) continue;
    for (const { ref } of collectRefs(doc.value)) {
      if (ref.startsWith('#')) continue;
      const target = refTarget(file, ref);
      if ('unsafe' in target || seen.has(target.file)) continue;
      seen.add(target.file);
      queue.push(target.file);
    }
  }
  return [...seen].sort();
}
