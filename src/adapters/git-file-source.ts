import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FileSource, LinkPresence, ReadResult } from '../core/file-source.js';
import { notAFile, SUBMODULE, SYMBOLIC_LINK } from '../core/file-source.js';
import { GitBlobReader } from './git-blobs.js';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** A regular file in a commit's tree: its blob id and size. Symlinks and submodules are not files here. */
export interface GitTreeEntry {
  path: string;
  blob: string;
  size: number;
}

/**
 * One commit of a local git repository as a snapshot. The tree is listed once (`git ls-tree -r -l`);
 * reads go by blob id, so sizes are known before anything is read and a symlink can never point a
 * read outside the snapshot. Blobs come through one `git cat-file --batch` process, not one
 * process per file.
 */
export class GitFileSource implements FileSource {
  private readonly blobs: GitBlobReader;

  private constructor(
    readonly repoRoot: string,
    readonly sha: string,
    readonly label: string,
    private readonly tree: ReadonlyMap<string, GitTreeEntry>,
    private readonly maxBytes: number,
    /** Paths that are symbolic links or submodules: named, never followed. */
    private readonly others: ReadonlyMap<string, string>,
  ) {
    this.blobs = new GitBlobReader(repoRoot);
  }

  /** Resolves `ref` (branch, tag, SHA, `HEAD~2`) to a commit and lists its tree. */
  static async open(
    repoRoot: string,
    ref: string,
    maxBytes = Number.POSITIVE_INFINITY,
  ): Promise<GitFileSource> {
    const sha = await resolveCommit(repoRoot, ref);
    const others = new Map<string, string>();
    const tree = await listTree(repoRoot, sha, others);
    return new GitFileSource(repoRoot, sha, ref, tree, maxBytes, others);
  }

  async read(path: string): Promise<ReadResult> {
    const entry = this.tree.get(path);
    if (!entry) return notAFile(this.others, path) ?? { kind: 'missing' };
    if (entry.size > this.maxBytes) return { kind: 'too-large', bytes: entry.size, limit: this.maxBytes };
    try {
      return { kind: 'ok', text: (await this.blobs.read(entry.blob)).toString('utf8') };
    } catch (error) {
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }

  async list(folder: string): Promise<string[]> {
    const prefix = folder === '' || folder === '.' ? '' : folder.replace(/\/$/, '') + '/';
    return [...this.tree.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  async holdsLinks(): Promise<LinkPresence> {
    return this.others.size > 0 ? 'some' : 'none';
  }

  /** The same snapshot under another name, for messages (a merge base, named after its branch). */
  withLabel(label: string): GitFileSource {
    return new GitFileSource(this.repoRoot, this.sha, label, this.tree, this.maxBytes, this.others);
  }

  /** The file's size in bytes, or undefined when the snapshot has no such file. */
  size(path: string): number | undefined {
    return this.tree.get(path)?.size;
  }

  /** Every regular file with its blob id: what changed, and fingerprints of blueprint files. */
  entries(): GitTreeEntry[] {
    return [...this.tree.values()];
  }
}

export async function resolveCommit(repoRoot: string, ref: string): Promise<string> {
  try {
    const { stdout } = await run(
      'git',
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      {
        cwd: repoRoot,
      },
    );
    return stdout.trim();
  } catch {
    throw new GitRefError(ref);
  }
}

/** Regular files of a commit; symbolic links and submodules go to `others` (path → what it is). */
export async function listTree(
  repoRoot: string,
  sha: string,
  others?: Map<string, string>,
): Promise<Map<string, GitTreeEntry>> {
  const { stdout } = await run('git', ['ls-tree', '-r', '-l', '-z', '--full-tree', sha], {
    cwd: repoRoot,
    maxBuffer: MAX_BUFFER,
    encoding: 'utf8',
  });
  const tree = new Map<string, GitTreeEntry>();
  for (const record of stdout.split('\0')) {
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.+)$/s.exec(record);
    if (!match) continue;
    if (match[1] === '120000') others?.set(match[5]!, SYMBOLIC_LINK);
    else if (match[2] === 'commit') others?.set(match[5]!, SUBMODULE);
    if (match[2] !== 'blob' || match[1] === '120000') continue;
    tree.set(match[5]!, { path: match[5]!, blob: match[3]!, size: Number(match[4]) });
  }
  return tree;
}

/** A ref that does not name a commit in the repository. */
export class GitRefError extends Error {
  override readonly name = 'GitRefError';
  constructor(readonly ref: string) {
    super(`"${ref}" is not a commit in this repository`);
  }
}
