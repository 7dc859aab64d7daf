/**
 * A repository snapshot at a commit, read through the GitHub API: one recursive tree request lists
 * every path with its blob SHA and size; blobs are fetched only when the loader reads them (so only
 * the blueprint's files), refused by their size before any download, and each blob SHA at most once
 * per review — base and head share the cache, so an unchanged file is fetched once. Blobs come as
 * raw bytes, never as base64 inside JSON: Octokit leaves a JSON body of about 8 MB unparsed (a blob
 * of about 5.6 MB), and raw bytes are also a third smaller on the wire.
 *
 * A blueprint of hundreds of files would cost hundreds of requests that way, so before a blueprint
 * folder is loaded (`prefetch`) its files are fetched together, up to 100 in one GraphQL query.
 */
import type { FileSource, LinkPresence, ReadResult } from '../../core/file-source.js';
import { notAFile, SUBMODULE, SYMBOLIC_LINK } from '../../core/file-source.js';
import { token } from '../../core/inert-text.js';
import { PathIndex } from '../../core/path-index.js';
import { isBlueprintPath } from '../../load/blueprint-files.js';
import type { GitHubClient } from './client.js';
import { GitHubError, unavailableObject } from './client.js';
import { array, boolean, integer, nullable, object, optional, rawText, string } from './shapes.js';
import type { Shape, ShapeOf } from './shapes.js';

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

/** One entry of a commit's recursive tree, as GitHub lists it (blobs, trees, symlinks, submodules). */
export type TreeItem = ShapeOf<typeof TREE_SHAPE>['tree'][number];

/** A commit's recursive tree listing; a job shares one reader so each tree is listed once (pull-request-reads.ts). */
export type TreeReader = (commitSha: string) => Promise<readonly TreeItem[]>;

/** Every entry of the tree at `sha`, in one request; a listing GitHub cut short is an error. */
export async function readTree(client: GitHubClient, sha: string): Promise<readonly TreeItem[]> {
  const { owner, repo } = client;
  const data = await client
    .rest(
      `GET /repos/${owner}/${repo}/git/trees/${sha.slice(0, 7)}`,
      () => client.octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: 'true' }),
      TREE_SHAPE,
    )
    .catch((error: unknown) => {
      throw unavailableObject(error);
    });
  if (data.truncated) throw new GitHubError({ kind: 'tree-truncated', sha });
  return data.tree;
}

export class GitHubFileSource implements FileSource {
  private tree: Promise<Tree> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly commit: CommitRef,
    private readonly blobs: BlobStore,
    private readonly maxBytes: number,
    readonly label: string = typeof commit === 'string' ? commit.slice(0, 7) : 'base',
    private readonly trees: TreeReader = (sha) => readTree(client, sha),
  ) {}

  async list(folder: string): Promise<string[]> {
    return (await this.entries()).paths.under(folder);
  }

  async read(path: string): Promise<ReadResult> {
    const tree = await this.entries();
    const entry = tree.files.get(path);
    if (!entry) return notAFile(tree.others, path) ?? { kind: 'missing' };
    if (entry.size > this.maxBytes) return { kind: 'too-large', bytes: entry.size, limit: this.maxBytes };
    const text = await this.blobs.get(entry.sha, () => this.fetchBlob(entry.sha));
    const bytes = Buffer.byteLength(text);
    // The tree said otherwise: trust what arrived, never more than the limit.
    if (bytes > this.maxBytes) return { kind: 'too-large', bytes, limit: this.maxBytes };
    return { kind: 'ok', text };
  }

  /**
   * From the tree listing the reads share (no request of its own when a read came first). A listing
   * GitHub cut short cannot say: what a pull request that changes no blueprint file does then is
   * relevance.ts's to decide, not a failure here.
   */
  async holdsLinks(): Promise<LinkPresence> {
    try {
      return (await this.entries()).others.size > 0 ? 'some' : 'none';
    } catch (error) {
      if (error instanceof GitHubError && error.failure.kind === 'tree-truncated') return 'unknown';
      throw error;
    }
  }

  /**
   * Fetches the blueprint files under `folder` (YAML, JSON, ADRs) together: the blobs the store
   * lacks go out in GraphQL queries of up to PREFETCH_BATCH files and PREFETCH_BATCH_BYTES, instead
   * of one REST request per file. Only for folders of PREFETCH_MIN files or more (a smaller one costs
   * few requests anyway, and nothing unneeded is fetched). Files above PREFETCH_MAX_FILE_BYTES, and
   * any the query does not answer in full (binary, truncated, missing, or the query failed), are
   * fetched as before, one REST request each. Never throws: failures reach the reads.
   */
  async prefetch(folder: string): Promise<void> {
    let tree: Tree;
    try {
      tree = await this.entries();
    } catch {
      return; // the reads will report it
    }
    const sizes = new Map<string, number>();
    for (const path of tree.paths.under(folder)) {
      const entry = tree.files.get(path)!;
      if (isBlueprintPath(path) && entry.size <= Math.min(this.maxBytes, PREFETCH_MAX_FILE_BYTES))
        sizes.set(entry.sha, entry.size);
    }
    if (sizes.size < PREFETCH_MIN) return;
    // The store asks for what it lacks (a blob already there, or on its way for the other side of
    // the pull request, is not asked for); the asks are gathered into queries.
    const batcher = new BlobBatcher(
      sizes,
      (shas) => this.fetchBlobTexts(shas, sizes),
      (sha) => this.fetchBlob(sha),
    );
    await Promise.allSettled([...sizes.keys()].map((sha) => this.blobs.get(sha, () => batcher.add(sha))));
  }

  /**
   * Blob texts by SHA, in one GraphQL query; blobs it cannot answer in full, or not verbatim (see
   * `verbatimText`), are left out.
   */
  private async fetchBlobTexts(
    shas: readonly string[],
    sizes: ReadonlyMap<string, number>,
  ): Promise<Map<string, string>> {
    const { owner, repo } = this.client;
    const aliases = shas.map((_, i) => `b${i}`);
    const query = `query($owner: String!, $repo: String!, ${aliases.map((a) => `$${a}: GitObjectID!`).join(', ')}) {
  repository(owner: $owner, name: $repo) {
${aliases.map((a) => `    ${a}: object(oid: $${a}) { ... on Blob { text isBinary isTruncated } }`).join('\n')}
  }
}`;
    const shape = object({
      repository: object(Object.fromEntries(aliases.map((a) => [a, nullable(BLOB_TEXT_SHAPE)]))),
    }) as Shape<{ repository: Record<string, BlobText | null | undefined> }>;
    const data = await this.client.graphql(
      `GraphQL ${shas.length} blobs of ${owner}/${repo}`,
      query,
      { owner, repo, ...Object.fromEntries(aliases.map((a, i) => [a, shas[i]])) },
      shape,
    );
    const texts = new Map<string, string>();
    aliases.forEach((alias, i) => {
      const blob = data.repository[alias];
      const text =
        blob && typeof blob.text === 'string' && !blob.isBinary && !blob.isTruncated
          ? verbatimText(blob.text, sizes.get(shas[i]!))
          : undefined;
      if (text !== undefined) texts.set(shas[i]!, text);
    });
    return texts;
  }

  private entries(): Promise<Tree> {
    this.tree ??= this.fetchTree();
    return this.tree;
  }

  private async fetchTree(): Promise<Tree> {
    const { owner, repo } = this.client;
    const sha = typeof this.commit === 'string' ? this.commit : await this.commit();
    const files = new Map<string, TreeEntry>();
    const others = new Map<string, string>();
    for (const [i, item] of (await this.trees(sha)).entries()) {
      // Plain files only: symlinks (120000) and submodules would lead outside the snapshot; a read
      // at or under one says what it is (notAFile).
      if (item.mode === '120000') others.set(item.path, SYMBOLIC_LINK);
      else if (item.type === 'commit') others.set(item.path, SUBMODULE);
      if (item.type !== 'blob' || item.mode === '120000') continue;
      // A blob's size is what refuses a large file before downloading it: it must be there.
      if (item.size === undefined)
        throw new GitHubError({
          kind: 'malformed-answer',
          request: `GET /repos/${owner}/${repo}/git/trees/${sha.slice(0, 7)}`,
          detail: `\`tree[${i}].size\` is missing for the file ${token(item.path)}`,
        });
      files.set(item.path, { sha: item.sha, size: item.size });
    }
    return { files, others, paths: new PathIndex(files.keys()) };
  }

  private async fetchBlob(sha: string): Promise<string> {
    const { owner, repo } = this.client;
    return this.client
      .rest(
        `GET /repos/${owner}/${repo}/git/blobs/${sha.slice(0, 7)}`,
        () =>
          this.client.octokit.rest.git.getBlob({ owner, repo, file_sha: sha, mediaType: { format: 'raw' } }),
        rawText,
      )
      .catch((error: unknown) => {
        throw unavailableObject(error);
      });
  }
}

interface Tree {
  files: Map<string, TreeEntry>;
  /** Symbolic links and submodules: path → what it is. */
  others: Map<string, string>;
  paths: PathIndex;
}

const BYTE_ORDER_MARK = '\ufeff';
const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * GraphQL's `text` of a blob of `bytes` bytes as the raw REST read would give it, or undefined when
 * it may not be the blob's bytes. The REST read decodes the bytes as UTF-8 the WHATWG way (a leading
 * byte order mark dropped, each invalid sequence one U+FFFD), and both paths must hand the loader the
 * same text, so the same bytes give the same findings on the same lines. GitHub does not say how it
 * turns bytes that are not UTF-8 into `text` (replaced, or read in another encoding): a text whose
 * UTF-8 is not exactly the blob's size, or holding a U+FFFD, is read by REST instead.
 */
function verbatimText(text: string, bytes: number | undefined): string | undefined {
  if (bytes === undefined || Buffer.byteLength(text) !== bytes) return undefined;
  if (text.includes(REPLACEMENT_CHARACTER)) return undefined;
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** Below this many files to fetch, one request each stays within a review's budget of requests. */
const PREFETCH_MIN = 30;
/** Files per GraphQL query, and their bytes (by the tree's sizes): answers of a few MB at most. */
const PREFETCH_BATCH = 100;
const PREFETCH_BATCH_BYTES = 4 * 1024 * 1024;
/** Larger files come by REST, raw (GraphQL truncates large blob texts). */
const PREFETCH_MAX_FILE_BYTES = 512 * 1024;

const BLOB_TEXT_SHAPE = object({
  text: optional(nullable(string)),
  isBinary: optional(boolean),
  isTruncated: optional(boolean),
});
type BlobText = { text?: string | null; isBinary?: boolean; isTruncated?: boolean };

/**
 * Gathers blob fetches into queries: one goes out when PREFETCH_BATCH files or PREFETCH_BATCH_BYTES
 * are waiting, or when no more came within the current turn of the event loop (a store may answer
 * from elsewhere first, e.g. the main thread's cache, so the asks need not arrive together). A blob
 * the query leaves out is fetched on its own.
 */
class BlobBatcher {
  private waiting: { sha: string; resolve: (text: Promise<string>) => void }[] = [];
  private bytes = 0;
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly sizes: ReadonlyMap<string, number>,
    private readonly query: (shas: string[]) => Promise<Map<string, string>>,
    private readonly single: (sha: string) => Promise<string>,
  ) {}

  add(sha: string): Promise<string> {
    return new Promise((resolve) => {
      const size = this.sizes.get(sha) ?? 0;
      if (this.waiting.length > 0 && this.bytes + size > PREFETCH_BATCH_BYTES) this.flush();
      this.waiting.push({ sha, resolve });
      this.bytes += size;
      if (this.waiting.length >= PREFETCH_BATCH) this.flush();
      else this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.bytes = 0;
    if (batch.length === 0) return;
    const texts = this.query(batch.map((b) => b.sha)).catch(() => new Map<string, string>());
    for (const { sha, resolve } of batch) resolve(texts.then((found) => found.get(sha) ?? this.single(sha)));
  }
}
