/**
 * The changed files between two commits, as GitHub's "list pull request files" reports them:
 * status, previous path of a rename, and the diff hunks (`patch`, without file headers).
 */
import type { ChangedFile } from '../review/types.js';
import { git } from './git.js';

const STATUS: Record<string, ChangedFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

export async function changedFilesBetween(
  repoRoot: string,
  base: string,
  head: string,
): Promise<ChangedFile[]> {
  const listing = await git(repoRoot, [
    'diff',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    base,
    head,
    '--',
  ]);
  const fields = listing.split('\0').filter((f) => f !== '');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length;) {
    const code = fields[i++]!;
    const status = STATUS[code[0]!] ?? 'changed';
    const renamed = code.startsWith('R') || code.startsWith('C');
    const previousPath = renamed ? fields[i++] : undefined;
    const path = fields[i++]!;
    const file: ChangedFile = { path, status };
    if (previousPath !== undefined && code.startsWith('R')) file.previousPath = previousPath;
    const paths = previousPath !== undefined ? [previousPath, path] : [path];
    const patch = await git(repoRoot, [
      'diff',
      '-M',
      '-U3',
      '--no-color',
      '--no-ext-diff',
      base,
      head,
      '--',
      ...paths,
    ]);
    const hunks = patch.indexOf('\n@@');
    if (hunks >= 0) file.patch = patch.slice(hunks + 1).replace(/\n$/, '');
    files.push(file);
  }
  return files;
}
