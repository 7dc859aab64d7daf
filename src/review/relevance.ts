/**
 * Deciding cheaply whether a pull request touches a blueprint at all, so that a pull request that
 * changes only code or docs is answered from the file list alone.
 */
import type { BlueprintModel } from '../model/types.js';
import type { ChangedFile } from './types.js';

/** Blueprints are YAML/JSON (blueprint, policies, contracts) and Markdown ADRs in an `adr/` folder. */
const BLUEPRINT_FILE = /\.(ya?ml|json)$|(^|\/)adr\/[^/]+\.md$/i;

/** True when a file at this path could be part of a blueprint (by its name alone). */
export function isBlueprintPath(path: string): boolean {
  return BLUEPRINT_FILE.test(path);
}

/** True when the file, at head or (renamed) at base, could belong to a blueprint. */
export function mayBelongToBlueprint(file: ChangedFile): boolean {
  return (
    BLUEPRINT_FILE.test(file.path) ||
    (file.previousPath !== undefined && BLUEPRINT_FILE.test(file.previousPath))
  );
}

/** Changed paths that could belong to a blueprint, at head and (for renames and removals) at base. */
export function candidatePaths(changed: readonly ChangedFile[]): string[] {
  const paths = new Set<string>();
  for (const file of changed) {
    if (BLUEPRINT_FILE.test(file.path)) paths.add(file.path);
    if (file.previousPath && BLUEPRINT_FILE.test(file.previousPath)) paths.add(file.previousPath);
  }
  return [...paths];
}

/** Every changed path, at head and at base. */
export function changedPathSet(changed: readonly ChangedFile[]): Set<string> {
  const paths = new Set<string>();
  for (const file of changed) {
    paths.add(file.path);
    if (file.previousPath) paths.add(file.previousPath);
  }
  return paths;
}

/** True when loading the blueprint read `path` (or tried to: a contract that does not parse). */
export function readsFile(model: BlueprintModel, path: string): boolean {
  return (
    model.documents.has(path) ||
    model.adrs.some((a) => a.file === path) ||
    model.contracts.some((c) => c.path === path)
  );
}
