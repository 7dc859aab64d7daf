/**
 * Deciding cheaply whether a pull request touches a blueprint at all, so that a pull request that
 * changes only code or docs is answered from the file list and the trees alone. Sound because the
 * loader reads no file under another name (`load/blueprint-files.ts`) — and reads no symbolic link or
 * submodule, whose target can change under any name: while a snapshot holds one, any change may reach
 * a blueprint, which is loaded to find out (`readsThroughLinks`).
 */
import type { FileSource } from '../core/file-source.js';
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

/**
 * Whether the pull request may touch a blueprint: the one answer the review, the sign-off and every
 * door act on (a blueprint is loaded only when it is yes). Yes when a changed file has a blueprint
 * file's name; else when the head or the merge base (`sides`) holds a symbolic link or a submodule
 * anywhere — a link's target of another name (`shared/orders.txt`), or a submodule's pointer, may be
 * what the blueprint reads, so the blueprints are loaded, and one that reads through a link fails
 * both checks. Asked of the head first, the merge base only when the head holds none.
 *
 * A snapshot too large to list (`unknown`: GitHub cut its tree short) cannot say; the names decide.
 * Loading there fails on the same listing — as every blueprint pull request in such a repository
 * fails — so counting `unknown` as yes would fail every pull request, and gain nothing a repository
 * whose blueprints cannot be read at all does not already lack.
 */
export async function mayTouchBlueprint(
  changed: readonly ChangedFile[],
  sides: readonly FileSource[],
): Promise<boolean> {
  if (changed.some(mayBelongToBlueprint)) return true;
  if (changed.length === 0) return false;
  for (const side of sides) if ((await side.holdsLinks?.()) === 'some') return true;
  return false;
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
