/**
 * Deciding cheaply whether a pull request touches a blueprint at all, so that a pull request that
 * changes only code or docs is answered from the file list alone. Sound because the loader reads no
 * file under another name (`load/blueprint-files.ts`) — and reads no symbolic link or submodule,
 * whose target can change under any name: a blueprint that reads through one is touched by every
 * pull request that changes a file it could read (`readsThroughLinks`).
 */
import type { Finding } from '../core/finding.js';
import type { BlueprintModel } from '../model/types.js';
import { isBlueprintPath } from '../load/blueprint-files.js';
import type { ChangedFile } from './types.js';

/** True when the file, at head or (renamed) at base, could belong to a blueprint. */
export function mayBelongToBlueprint(file: ChangedFile): boolean {
  return (
    isBlueprintPath(file.path) || (file.previousPath !== undefined && isBlueprintPath(file.previousPath))
  );
}

/** Changed paths that could belong to a blueprint, at head and (for renames and removals) at base. */
export function candidatePaths(changed: readonly ChangedFile[]): string[] {
  const paths = new Set<string>();
  for (const file of changed) {
    if (isBlueprintPath(file.path)) paths.add(file.path);
    if (file.previousPath && isBlueprintPath(file.previousPath)) paths.add(file.previousPath);
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

/**
 * What a blueprint reads through a symbolic link or a submodule (or at a path that is no regular file):
 * neither check reads them, and what they stand for can change in a pull request that leaves every file
 * the blueprint reads as it was. One derivation for both checks: at the head, the sign-off fails on
 * each (signoff/pipeline.ts), and the review counts the blueprint touched and each finding new.
 */
export function readsThroughLinks(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.ruleId === 'schema/not-a-file');
}
