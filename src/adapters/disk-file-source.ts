import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { FileSource, ReadResult } from '../core/file-source.js';
import { UnlistableFolderError } from '../core/snapshot-errors.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * A folder on disk as a repository snapshot. Paths that resolve (through symlinks too) outside the
 * folder are refused (`not-a-file`, saying so), so a blueprint cannot read /etc/passwd or /dev/zero
 * by linking to it.
 */
export class DiskFileSource implements FileSource {
  readonly label: string;
  private readonly rootReal: Promise<string>;

  constructor(
    readonly root: string,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.label = root;
    this.rootReal = realpath(root);
  }

  async read(repoPath: string): Promise<ReadResult> {
    const root = await this.rootReal;
    const full = path.resolve(root, repoPath);
    if (!isWithin(root, full)) return { kind: 'missing' };
    try {
      const link = await lstat(full);
      const real = await realpath(full).catch(() => undefined);
      if (real === undefined) return notAFile('a symbolic link whose target does not exist');
      if (!isWithin(root, real))
        return notAFile(
          link.isSymbolicLink()
            ? 'a symbolic link to a path outside the repository'
            : 'reached through a symbolic link that leads outside the repository',
        );
      // Only stat, never open, what is not a regular file: opening a FIFO would wait forever.
      const info = await stat(real);
      if (!info.isFile()) return notAFile(kindOf(info));
      if (info.size > this.maxBytes) return { kind: 'too-large', bytes: info.size, limit: this.maxBytes };
      // Decoded in one piece: fs/promises' `readFile(path, 'utf8')` decodes chunk by chunk and joins
      // the pieces, and V8 then reads that joined string several times slower on every later scan of
      // the text (finding lines, locating a finding) than one flat string.
      return { kind: 'ok', text: (await readFile(real)).toString('utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR'
        ? { kind: 'missing' }
        : { kind: 'unreadable', reason: code ?? String(error) };
    }
  }

  async list(folder: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      const full = await this.inside(relative);
      if (!full) return;
      let entries;
      try {
        entries = await readdir(full, { withFileTypes: true });
      } catch (error) {
        // No such folder (or a file where one was named) holds no files. Any other failure
        // (permissions, a link loop, I/O) leaves the files under it unknown: listing it as empty
        // would let a lint or a review pass on a snapshot it never saw whole.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return;
        throw new UnlistableFolderError(relative === '' ? '.' : relative, code ?? String(error));
      }
      for (const entry of entries) {
        const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(child);
        else if (entry.isFile()) out.push(child);
      }
    };
    await walk(folder === '.' ? '' : folder.replace(/\/$/, ''));
    return out.sort();
  }

  /** The real path of `repoPath` when it lies inside the root, else undefined. */
  private async inside(repoPath: string): Promise<string | undefined> {
    const root = await this.rootReal;
    const full = path.resolve(root, repoPath);
    let real: string;
    try {
      real = await realpath(full);
    } catch {
      real = full;
    }
    return isWithin(root, real) ? real : undefined;
  }
}

function notAFile(what: string): ReadResult {
  return { kind: 'unreadable', reason: what, cause: 'not-a-file' };
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function isWithin(root: string, full: string): boolean {
  return full === root || full.startsWith(root + path.sep);
}
