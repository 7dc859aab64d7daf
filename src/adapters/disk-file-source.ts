import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileSource, ReadResult } from '../core/file-source.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * A folder on disk as a repository snapshot. Paths that resolve (through symlinks too) outside the
 * folder are reported missing, so a blueprint cannot read /etc/passwd by linking to it.
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
    const full = await this.inside(repoPath);
    if (!full) return { kind: 'missing' };
    try {
      const info = await stat(full);
      if (!info.isFile()) return { kind: 'missing' };
      if (info.size > this.maxBytes) return { kind: 'too-large', bytes: info.size, limit: this.maxBytes };
      return { kind: 'ok', text: await readFile(full, 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: code ?? String(error) };
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
      } catch {
        return;
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
    return real === root || real.startsWith(root + path.sep) ? real : undefined;
  }
}
