/**
 * A repository snapshot at a commit, read through the GitHub API: one recursive tree request lists
 * every path with its blob SHA and size; blobs are fetched only when the loader reads them (so only
 * the blueprint's files), refused by their size before any download, and each blob SHA at most once
 * per review — base and head share the cache, so an unchanged file is fetched once. Blobs come as
 * raw bytes, never as base64 inside JSON: Octokit leaves a JSON body of about 8 MB unparsed (a blob
 * of about 5.6 MB), and raw bytes are also a third smaller on the wire.
 */
import type { FileSource, ReadResult } from '../../core/file-source.js';
import { PathIndex } from '../../core/path-index.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './client.js';
import { array, boolean, integer, object, optional, rawText, string } from './shapes.js';

interface TreeEntry {
  sha: string;
  size: number;
}

/** Where a file source gets blob texts: fetched once (`fetch`) and kept, or already known. */
export interface BlobStore {
  get(sha: string, fetch: () => Promise<string>): Promise<string>;
}

/**
 * Blob text by SHA. A blob SHA names its content, so a blob read once never changes: the app keeps
 * one cache across reviews (bounded by size, least recently used evicted), and a new push fetches
 * only the files it changed. A repository can only ask for SHAs in its own trees, so sharing the
 * cache across installations reveals nothing.
 */
export class BlobCache implements BlobStore {
  private readonly blobs = new Map<string, { text: Promise<string>; bytes: number }>();
  private bytes = 0;
  fetches = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(sha: string, fetch: () => Promise<string>): Promise<string> {
    const hit = this.peek(sha);
    if (hit) return hit;
    this.fetches++;
    return this.add(sha, fetch());
  }

  /** The blob's text when it is here (or on its way), without fetching it. */
  peek(sha: string): Promise<string> | undefined {
    const hit = this.blobs.get(sha);
    if (!hit) return undefined;
    // Refresh its place in the LRU order.
    this.blobs.delete(sha);
    this.blobs.set(sha, hit);
    return hit.text;
  }

  /** Keeps a text fetched elsewhere (by another thread). */
  put(sha: string, text: string): void {
    if (!this.blobs.has(sha)) void this.add(sha, Promise.resolve(text));
  }

  private add(sha: string, text: Promise<string>): Promise<string> {
    const entry = { text, bytes: 0 };
    this.blobs.set(sha, entry);
    // Bookkeeping only, and it cannot throw: a rejection here would be unhandled and end the process.
    entry.text.then(
      (value) => {
        if (this.blobs.get(sha) !== entry) return;
        entry.bytes = typeof value === 'string' ? Buffer.byteLength(value) : 0;
        this.bytes += entry.bytes;
        this.evict();
      },
      // A failed fetch is not cached: a retry of the review asks again. (The caller sees the error.)
      () => {
        if (this.blobs.get(sha) === entry) this.blobs.delete(sha);
      },
    );
    return entry.text;
  }

  private evict(): void {
    for (const [sha, entry] of this.blobs) {
      if (this.bytes <= this.maxBytes) return;
      this.blobs.delete(sha);
      this.bytes -= entry.bytes;
    }
  }
}

/** A commit SHA, or how to find it when first needed (the merge base costs a request). */
export type CommitRef = string | (() => Promise<string>);

const TREE_SHAPE = object({
  truncated: optional(boolean),
  tree: array(
    object({
      path: string,
      mode: string,
      type: string,
      sha: string,
      size: optional(integer),
    }),
  ),
});

export class GitHubFileSource implements FileSource {
  private tree: Promise<Tree> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly commit: CommitRef,
    private readonly blobs: BlobStore,
    private readonly maxBytes: number,
    readonly label: string = typeof commit === 'string' ? commit.slice(0, 7) : 'base',
  ) {}

  async list(folder: string): Promise<string[]> {
    return (await this.entries()).paths.under(folder);
  }

  async read(path: string): Promise<ReadResult> {
    const entry = (await this.entries()).files.get(path);
    if (!entry) return { kind: 'missing' };
    if (entry.size > this.maxBytes) return { kind: 'too-large', bytes: entry.size, limit: this.maxBytes };
    const text = await this.blobs.get(entry.sha, () => this.fetchBlob(entry.sha));
    const bytes = Buffer.byteLength(text);
    // The tree said otherwise: trust what arrived, never more than the limit.
    if (bytes > this.maxBytes) return { kind: 'too-large', bytes, limit: this.maxBytes };
    return { kind: 'ok', text };
  }

  private entries(): Promise<Tree> {
    this.tree ??= this.fetchTree();
    return this.tree;
  }

  private async fetchTree(): Promise<Tree> {
    const { owner, repo } = this.client;
    const sha = typeof this.commit === 'string' ? this.commit : await this.commit();
    const data = await this.client.rest(
      `GET /repos/${owner}/${repo}/git/trees/${sha.slice(0, 7)}`,
      () => this.client.octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: 'true' }),
      TREE_SHAPE,
    );
    if (data.truncated) throw new GitHubError({ kind: 'tree-truncated', sha });
    const files = new Map<string, TreeEntry>();
    for (const [i, item] of data.tree.entries()) {
      // Plain files only: symlinks (120000) and submodules would lead outside the snapshot.
      if (item.type !== 'blob' || item.mode === '120000') continue;
      // A blob's size is what refuses a large file before downloading it: it must be there.
      if (item.size === undefined)
        throw new GitHubError({
          kind: 'malformed-answer',
          request: `GET /repos/${owner}/${repo}/git/trees/${sha.slice(0, 7)}`,
          detail: `\`tree[${i}].size\` is missing for the file ${item.path}`,
        });
      files.set(item.path, { sha: item.sha, size: item.size });
    }
    return { files, paths: new PathIndex(files.keys()) };
  }

  private async fetchBlob(sha: string): Promise<string> {
    const { owner, repo } = this.client;
    return this.client.rest(
      `GET /repos/${owner}/${repo}/git/blobs/${sha.slice(0, 7)}`,
      () =>
        this.client.octokit.rest.git.getBlob({ owner, repo, file_sha: sha, mediaType: { format: 'raw' } }),
      rawText,
    );
  }
}

interface Tree {
  files: Map<string, TreeEntry>;
  paths: PathIndex;
}
