/**
 * What one job reads about its pull request, each value read once. A review and the sign-off
 * evaluation that follows it in the same job (`src/app/jobs.ts`) need the same pull request, merge
 * base, changed files, trees and base config: the second asker gets the first answer instead of
 * sending the request again. A read that failed is forgotten, so the next asker tries again. One per
 * job: a later job (a new push, a label, a re-run) reads GitHub afresh.
 */
import type { SchemaValidator } from '../../load/schema-validation.js';
import type { ChangedFile } from '../../review/types.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './client.js';
import type { RepositoryConfig } from './config.js';
import { CONFIG_PATH, loadRepositoryConfig } from './config.js';
import type { TreeItem, TreeReader } from './file-source.js';
import { readTree } from './file-source.js';
import type { BaseBranchNow, PullRequestRef } from './pull-request.js';
import { baseBranchNow, changedFiles, getPullRequest } from './pull-request.js';

export class PullRequestReads {
  private readonly answers = new Map<string, Promise<unknown>>();

  /** The pull request as the job's first reader found it (a newer head is a new job's to read). */
  pullRequest(client: GitHubClient, number: number): Promise<PullRequestRef> {
    return this.once(`pull ${number}`, () => getPullRequest(client, number));
  }

  /** The base branch's tip now (by its name, not the pull request's `base.sha`) and its merge base with the head. */
  baseNow(
    client: GitHubClient,
    pr: Pick<PullRequestRef, 'baseRef' | 'baseSha' | 'headSha'>,
  ): Promise<BaseBranchNow> {
    return this.once(`base-now ${pr.baseRef} ${pr.baseSha} ${pr.headSha}`, () => baseBranchNow(client, pr));
  }

  /**
   * The changed files of the pull request at `headSha`. GitHub lists them for its head at the time of
   * the listing, so the pull request is read again after it: a head that moved meanwhile (the list
   * may be the newer head's, judged as `headSha`'s) is a `head-moved` failure.
   */
  changedFiles(client: GitHubClient, number: number, headSha: string): Promise<ChangedFile[]> {
    return this.once(`files ${number} ${headSha}`, async () => {
      const files = await changedFiles(client, number);
      const now = await getPullRequest(client, number);
      if (now.headSha !== headSha)
        throw new GitHubError({ kind: 'head-moved', pullNumber: number, from: headSha, to: now.headSha });
      return files;
    });
  }

  /**
   * The changed files of `pr`, checked against the merge base its snapshots are read at: the list is
   * GitHub's for the merge base it computed (with the base commit it last recorded, which can lag or
   * predate a base branch rewritten), while the blueprint is read at the merge base with the base
   * branch's tip now. A file that differs between those commits but is not listed would be judged
   * unchanged — no approval asked for it — so what differs between them must be covered by it; else
   * the evaluation fails (`changed-files-unlisted`). What differs is the comparison's own list (the
   * same request that gives the merge base) when it is whole; GitHub lists at most 300 files of a
   * comparison, so past that it is every path whose entry differs between the two commits' trees
   * (the snapshots and fingerprints read the same listings).
   */
  async changedFilesAtMergeBase(client: GitHubClient, pr: PullRequestRef): Promise<ChangedFile[]> {
    const files = await this.changedFiles(client, pr.number, pr.headSha);
    const { mergeBase, compared } = await this.baseNow(client, pr);
    const differing = compared?.complete
      ? compared.paths
      : await this.differingPaths(client, mergeBase, pr.headSha);
    const paths = unlistedChanges(files, differing);
    if (paths.length > 0)
      throw new GitHubError({ kind: 'changed-files-unlisted', pullNumber: pr.number, paths });
    return files;
  }

  /** Every path whose entry (blob, link or submodule; its mode and object) differs between two commits. */
  async differingPaths(client: GitHubClient, from: string, to: string): Promise<string[]> {
    const trees = this.trees(client);
    const [before, after] = await Promise.all([trees(from), trees(to)]);
    return treeDifferences(before, after);
  }

  /** Recursive tree listings by commit: the file sources and the sign-off's fingerprints share them. */
  trees(client: GitHubClient): TreeReader {
    return (sha) => this.once(`tree ${sha}`, () => readTree(client, sha));
  }

  /** The repository's config on the base branch `ref` (`path`: the config file, default CONFIG_PATH). */
  repositoryConfig(
    client: GitHubClient,
    ref: string,
    validator: SchemaValidator,
    path: string = CONFIG_PATH,
  ): Promise<RepositoryConfig> {
    return this.once(`config ${ref} ${path}`, () => loadRepositoryConfig(client, ref, validator, path));
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key);
    if (known) return known as Promise<T>;
    const answer = read();
    this.answers.set(key, answer);
    // Bookkeeping only (the caller sees the error): a failed read is asked again by the next reader.
    answer.catch(() => {
      if (this.answers.get(key) === answer) this.answers.delete(key);
    });
    return answer;
  }
}

/** The paths a comparison names (renamed files by both) that the changed files do not, in order. */
export function unlistedChanges(files: readonly ChangedFile[], compared: readonly string[]): string[] {
  const listed = new Set(files.flatMap((f) => [f.path, ...(f.previousPath ? [f.previousPath] : [])]));
  return [...new Set(compared)].filter((path) => !listed.has(path));
}

/**
 * The paths whose entries differ between two recursive tree listings: added, removed, or another
 * object or mode (a file turned into a link or a submodule). Folders are left out: their own entries
 * differ exactly when something under them does, which is listed itself.
 */
export function treeDifferences(before: readonly TreeItem[], after: readonly TreeItem[]): string[] {
  const entry = (item: TreeItem) => `${item.type}\0${item.mode}\0${item.sha}`;
  const entries = (items: readonly TreeItem[]) =>
    new Map(items.filter((item) => item.type !== 'tree').map((item) => [item.path, entry(item)]));
  const [was, is] = [entries(before), entries(after)];
  const paths = new Set([...was.keys(), ...is.keys()]);
  return [...paths].filter((path) => was.get(path) !== is.get(path)).sort();
}
