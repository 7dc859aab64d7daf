/**
 * The pull request's base and head as a job reads them (the review, then the sign-off). Both read the
 * base branch as it is now: its merge base with the head by the branch's name, not the pull request's
 * `base.sha`, which can lag a push to the base (pull-request.ts `baseBranchNow`). Every source shares
 * the job's tree listings (each tree listed once) and one blob store (an unchanged file fetched once),
 * and refuses files over the config's size limit before downloading them.
 */
import type { GitHubClient } from '../adapters/github/client.js';
import type { BlobStore, CommitRef } from '../adapters/github/file-source.js';
import { BlobCache, GitHubFileSource } from '../adapters/github/file-source.js';
import type { PullRequestRef } from '../adapters/github/pull-request.js';
import type { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import type { LoadLimits } from '../load/limits.js';
import { DEFAULT_LIMITS } from '../load/limits.js';

export interface PullRequestSnapshots {
  /** At the merge base of the base branch now and the head (compared when first read). */
  base: GitHubFileSource;
  head: GitHubFileSource;
  /** At another commit of the base branch (its tip: the owners it names now). */
  baseAt(commit: string): GitHubFileSource;
}

export function pullRequestSnapshots(
  client: GitHubClient,
  reads: PullRequestReads,
  pr: Pick<PullRequestRef, 'baseRef' | 'baseSha' | 'headSha'>,
  options: { blobs?: BlobStore | undefined; limits?: Partial<LoadLimits> | undefined },
): PullRequestSnapshots {
  // Without the process's store, the job's own: base and head still share it.
  const blobs = options.blobs ?? new BlobCache();
  const maxBytes = options.limits?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const trees = reads.trees(client);
  const at = (commit: CommitRef, label?: string) =>
    new GitHubFileSource(client, commit, blobs, maxBytes, label, trees);
  return {
    base: at(async () => (await reads.baseNow(client, pr)).mergeBase, pr.baseRef),
    head: at(pr.headSha),
    baseAt: (commit) => at(commit, pr.baseRef),
  };
}
