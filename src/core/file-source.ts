import { PathIndex } from './path-index.js';

/**
 * A read-only view of one repository snapshot (a folder on disk, a git ref, a GitHub commit).
 * Paths are repository-relative and '/'-separated. The engine reads only through this port.
 */
export interface FileSource {
  /** A label for messages, e.g. `HEAD`, `abc1234` or a folder path. */
  readonly label: string;
  read(path: string): Promise<ReadResult>;
  /** Every file path under `folder` ('' for the whole snapshot), recursively, sorted. */
  list(folder: string): Promise<string[]>;
  /**
   * A hint that the files under `folder` are about to be read: a source that pays per read (the
   * GitHub API, one request per file) may fetch them together first. Optional, never required for
   * correctness: reads answer the same with or without it, and it never fails.
   */
  prefetch?(folder: string): Promise<void>;
  /**
   * Whether the snapshot holds a symbolic link or a submodule anywhere: reads never follow them, and
   * what one stands for can change under any name (review/relevance.ts `mayTouchBlueprint`). Only a
   * source that lists a git tree has them; one without this method holds none.
   */
  holdsLinks?(): Promise<LinkPresence>;
}

/** `unknown`: the source could not list the whole snapshot (GitHub lists a very large tree only in part). */
export type LinkPresence = 'some' | 'none' | 'unknown';

export type ReadResult =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  | { kind: 'too-large'; bytes: number; limit: number }
  | {
      kind: 'unreadable';
      reason: string;
      /**
       * Why, when it is known: the path is not a regular file (a directory, a FIFO, a device, a
       * symbolic link leading outside the snapshot), or the load's file budget is spent. Without
       * it, reading failed (permissions, I/O, git).
       */
      cause?: 'not-a-file' | 'over-file-limit';
    };

/** What a git snapshot holds that is not a file it reads: named, never followed. */
export const SYMBOLIC_LINK = 'a symbolic link (links in a git snapshot are not followed)';
export const SUBMODULE = 'a git submodule';

/**
 * Why `path` is no file of a git snapshot whose symbolic links and submodules are `others` (path →
 * what it is), or undefined. Git stores a linked folder as one entry, so a path under it is none of
 * the snapshot's files: what it names is the target's, which can change while the link does not —
 * a read there must say so, never answer "missing" as for a file that is simply not there.
 */
export function notAFile(others: ReadonlyMap<string, string>, path: string): ReadResult | undefined {
  const own = others.get(path);
  if (own) return { kind: 'unreadable', reason: own, cause: 'not-a-file' };
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    const folder = others.get(path.slice(0, end));
    if (folder) return { kind: 'unreadable', reason: `in a folder that is ${folder}`, cause: 'not-a-file' };
  }
  return undefined;
}

/** A snapshot held in memory: tests, examples in docs, and the GitHub adapter's fetched blobs. */
export class InMemoryFileSource implements FileSource {
  private readonly files: ReadonlyMap<string, string>;
  private paths: PathIndex | undefined;

  constructor(
    files: Record<string, string> | ReadonlyMap<string, string>,
    readonly label = 'memory',
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }

  async read(path: string): Promise<ReadResult> {
    const text = this.files.get(path);
    if (text === undefined) return { kind: 'missing' };
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes) return { kind: 'too-large', bytes, limit: this.maxBytes };
    return { kind: 'ok', text };
  }

  async list(folder: string): Promise<string[]> {
    this.paths ??= new PathIndex(this.files.keys());
    return this.paths.under(folder);
  }
}

/** A snapshot with some files replaced or added: what a repository would look like once they are written. */
export class OverlayFileSource implements FileSource {
  readonly label: string;

  constructor(
    private readonly base: FileSource,
    private readonly files: ReadonlyMap<string, string>,
  ) {
    this.label = base.label;
  }

  /** The base's: a file written over a link replaces it, but links elsewhere stay. */
  async holdsLinks(): Promise<LinkPresence> {
    return (await this.base.holdsLinks?.()) ?? 'none';
  }

  async read(path: string): Promise<ReadResult> {
    const text = this.files.get(path);
    return text === undefined ? this.base.read(path) : { kind: 'ok', text };
  }

  async list(folder: string): Promise<string[]> {
    const prefix = folder === '' || folder === '.' ? '' : folder.replace(/\/$/, '') + '/';
    const added = [...this.files.keys()].filter((p) => p.startsWith(prefix));
    return [...new Set([...(await this.base.list(folder)), ...added])].sort();
  }
}
