/**
 * The commits a local command reads, from git: a ref opened as a snapshot, and the merge base that
 * what a branch changed is measured from, as GitHub shows a pull request (what the base branch
 * changed meanwhile is not the branch's). One place for `review`, `signoff` and `diff --base`, so
 * the three measure and name a change alike, and a bad ref is a usage error in each.
 */
import { GitFileSource, GitRefError, resolveCommit } from '../adapters/git-file-source.js';
import { git, GitError, mergeBaseOf } from '../adapters/git.js';
import { UsageError } from './io.js';

/** `ref` (branch, tag, SHA, `HEAD~2`) as a snapshot; a ref that names no commit is a usage error. */
export async function openCommit(root: string, ref: string): Promise<GitFileSource> {
  return refOrUsage(root, () => GitFileSource.open(root, ref));
}

/** The commit `ref` names, without listing its tree; a ref that names no commit is a usage error. */
export async function commitOf(root: string, ref: string): Promise<string> {
  return refOrUsage(root, () => resolveCommit(root, ref));
}

async function refOrUsage<T>(root: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof GitRefError) throw new UsageError(error.message + (await shallowHint(root)));
    throw error;
  }
}

/**
 * Where a clone is shallow — what `actions/checkout` makes by default (one commit, one branch) — a
 * base branch or merge base missing is not the user's typo but history not fetched: say how to get it.
 */
async function shallowHint(root: string): Promise<string> {
  const shallow = await git(root, ['rev-parse', '--is-shallow-repository']).then(
    (out) => out.trim() === 'true',
    () => false,
  );
  return shallow
    ? '. This clone is shallow: fetch the history both sides share (actions/checkout: `fetch-depth: 0`; else `git fetch --unshallow origin`)'
    : '';
}

/** Runs a git step whose failure is the user's to fix (not a repository, no common commit). */
export async function gitOrUsage<T>(run: () => Promise<T>, explain = ''): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`${explain}${error.message}`);
    throw error;
  }
}

export interface MergeBase {
  sha: string;
  /** The merge base's snapshot: the base tip itself when the head is ahead of it. */
  tree: GitFileSource;
  /** The same, named in messages as `main (merge base 1a2b3c4)` when it is not the base tip. */
  named: GitFileSource;
}

/** The merge base of the base branch's tip and the head commit (`headName` names it in errors). */
export async function mergeBaseOfBranch(
  root: string,
  base: { ref: string; tip: GitFileSource },
  head: { name: string; sha: string },
): Promise<MergeBase> {
  const sha = await gitOrUsage(() => mergeBaseOf(root, base.tip.sha, head.sha));
  if (sha === undefined)
    throw new UsageError(`${base.ref} and ${head.name} have no common commit${await shallowHint(root)}`);
  if (sha === base.tip.sha) return { sha, tree: base.tip, named: base.tip };
  const tree = await openCommit(root, sha);
  return { sha, tree, named: tree.withLabel(`${base.ref} (merge base ${sha.slice(0, 7)})`) };
}
