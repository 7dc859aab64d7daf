/**
 * The changed files between two commits, as GitHub's "list pull request files" reports them:
 * status, previous path of a rename, and the diff hunks (`patch`, without file headers). Two git
 * processes whatever the size of the change: one lists every file, one diffs the files whose hunks
 * are wanted (a pull request adding 20,000 files took one git process per file before).
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

/** Paths per `git diff` of hunks: well under the system's limit on a command line. */
const PATHS_PER_DIFF = 1000;

export interface ChangedFilesOptions {
  /**
   * Which files get their hunks (default: all). A review places comments only on blueprint files,
   * and GitHub itself leaves out the patch of very large files.
   */
  withPatch?: (file: ChangedFile) => boolean;
}

export async function changedFilesBetween(
  repoRoot: string,
  base: string,
  head: string,
  options: ChangedFilesOptions = {},
): Promise<ChangedFile[]> {
  const listing = await git(repoRoot, ['diff', '--raw', '-z', '-M', '--no-ext-diff', base, head, '--']);
  const files = parseRaw(listing).map((entry) => entry.file);
  const wanted = options.withPatch ? files.filter(options.withPatch) : files;
  for (let i = 0; i < wanted.length; i += PATHS_PER_DIFF) {
    const chunk = wanted.slice(i, i + PATHS_PER_DIFF);
    const paths = chunk.flatMap((f) => (f.previousPath !== undefined ? [f.previousPath, f.path] : [f.path]));
    const output = await git(repoRoot, [
      '--literal-pathspecs',
      'diff',
      '--raw',
      '-p',
      '-z',
      '-M',
      '-U3',
      '--no-color',
      '--no-ext-diff',
      base,
      head,
      '--',
      ...paths,
    ]);
    attachPatches(chunk, output);
  }
  return files;
}

interface RawEntry {
  file: ChangedFile;
  /** Where the entry's `diff --raw -z` record ends in the output. */
  end: number;
  /**
   * How many `diff --git` blocks `-p` writes for it: two for a change of type (a file that became a
   * symbolic link or a submodule, or the reverse): the old one deleted, then the new one added.
   */
  blocks: 1 | 2;
}

/** `:mode mode sha sha STATUS\0path\0` (renames and copies: `\0from\0to\0`), up to an empty record. */
function parseRaw(output: string): RawEntry[] {
  const entries: RawEntry[] = [];
  let at = 0;
  const field = () => {
    const end = output.indexOf('\0', at);
    const value = output.slice(at, end < 0 ? output.length : end);
    at = end < 0 ? output.length : end + 1;
    return value;
  };
  while (at < output.length && output[at] === ':') {
    const code = field().split(' ')[4] ?? '';
    const status = STATUS[code[0]!] ?? 'changed';
    const twoPaths = code.startsWith('R') || code.startsWith('C');
    const previousPath = twoPaths ? field() : undefined;
    const file: ChangedFile = { path: field(), status };
    if (previousPath !== undefined && code.startsWith('R')) file.previousPath = previousPath;
    entries.push({ file, end: at, blocks: code.startsWith('T') ? 2 : 1 });
  }
  return entries;
}

/**
 * The hunks of each file, from `diff --raw -p -z`: the raw records name the files in order, then the
 * `diff --git` blocks of each follow in the same order (a line of a hunk starts with a space, `+`, `-`
 * or `\\`, so a line starting `diff --git ` is always a block's header). A file whose type changed
 * gets the last of its two blocks, the head's side: what the pull request's lines are.
 */
function attachPatches(files: readonly ChangedFile[], output: string): void {
  const entries = parseRaw(output);
  const byPaths = new Map(files.map((f) => [`${f.previousPath ?? ''}\0${f.path}`, f]));
  const patches = entries.length > 0 ? output.slice(entries.at(-1)!.end).replace(/^\0/, '') : '';
  const blocks = patches.split(/^(?=diff --git )/m).filter((b) => b.startsWith('diff --git '));
  const expected = entries.reduce((sum, entry) => sum + entry.blocks, 0);
  if (blocks.length !== expected)
    throw new Error(
      `git diff gave ${blocks.length} patches for ${entries.length} files (${expected} expected)`,
    );
  let next = 0;
  for (const entry of entries) {
    next += entry.blocks;
    const file = byPaths.get(`${entry.file.previousPath ?? ''}\0${entry.file.path}`);
    const block = blocks[next - 1]!;
    const hunks = block.indexOf('\n@@');
    if (file && hunks >= 0) file.patch = block.slice(hunks + 1).replace(/\n$/, '');
  }
}
