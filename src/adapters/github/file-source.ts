/**
 * A repository snapshot at a commit, read through the GitHub API: one recursive tree request lists
 * every path with its blob SHA and size; blobs are fetched only when the loader reads them (so only
 * the blueprint's files), never above the size limit, and each blob SHA at most once per review —
 * base and head share the cache, so an unchanged file is fetched once.
 */
import type { FileSource, ReadResult } from '../../core/file-source.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './client.js';

interface TreeEntry {
  sha: string;
  size: number;
}

/**
 * Blob text by SHA. A blob SHA names its content, so a blob read once never changes: the app keeps
 * one cache across reviews (bounded by size, least recently used evicted), and a new push fetches
 * only the files it changed. A repository can only ask for SHAs in its own trees, so sharing the
 * cache across installations reveals nothing.
 */
export class BlobCache {
  private readonly blobs = new Map<string, { text: Promise<string>; bytes: number }>();
  private bytes = 0;
  fetches = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(sha: string, fetch: () => Promise<string>): Promise<string> {
    const hit = this.blobs.get(sha);
    if (hit) {
      // Refresh its place in the LRU order.
      this.blobs.delete(sha);
      this.blobs.set(sha, hit);
      return hit.text;
    }
    this.fetches++;
    const entry = { text: fetch(), bytes: 0 };
    this.blobs.set(sha, entry);
    entry.text.then(
      (text) => {
        if (this.blobs.get(sha) !== entry) return;
        entry.bytes = Buffer.byteLength(text);
        this.bytes += entry.bytes;
        this.evict();
      },
      // A failed fetch is not cached: a retry of the review asks again.
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

export class GitHubFileSource implements FileSource {
  private tree: Promise<Map<string, TreeEntry>> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly commit: CommitRef,
    private readonly blobs: BlobCache,
    private readonly maxBytes: number,
    readonly label: string = typeof commit === 'string' ? commit.slice(0, 7) : 'base',
  ) {}

  async list(folder: string): Promise<string[]> {
    const prefix = folder === '' || folder === '.' ? '' : folder.replace(/\/$/, '') + '/';
    return [...(await this.entries()).keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  async read(path: string): Promise<ReadResult> {
    const entry = (await this.entries()).get(path);
    if (!entry) return { kind: 'missing' };
    if (entry.size > this.maxBytes) return { kind: 'too-large', bytes: entry.size, limit: this.maxBytes };
    const text = await this.blobs.get(entry.sha, () => this.fetchBlob(entry.sha));
    return { kind: 'ok', text };
  }

  private entries(): Promise<Map<string, TreeEntry>> {
    this.tree ??= this.fetchTree();
    return this.tree;
  }

  private async fetchTree(): Promise<Map<string, TreeEntry>> {
    const { owner, repo } = this.client;
    const sha = typeof this.commit === 'string' ? this.commit : await this.commit();
    const { data } = await this.client.call(`GET /repos/${owner}/${repo}/git/trees/${sha.slice(0, 7)}`, () =>
      this.client.octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: 'true' }),
    );
    if (data.truncated) throw new GitHubError({ kind: 'tree-truncated', sha });
    const entries = new Map<string, TreeEntry>();
    for (const item of data.tree) {
      // Plain files only: symlinks (120000) and submodules would lead outside the snapshot.
      if (item.type !== 'blob' || item.mode === '120000' || !item.path || !item.sha) continue;
      entries.set(item.path, { sha: item.sha, size: item.size ?? 0 });
    }
    return entries;
  }

  private async fetchBlob(sha: string): Promise<string> {
    const { owner, repo } = this.client;
    const { data } = await this.client.call(`GET /repos/${owner}/${repo}/git/blobs/${sha.slice(0, 7)}`, () =>
      this.client.octokit.rest.git.getBlob({ owner, repo, file_sha: sha }),
    );
    return data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
  }
}
