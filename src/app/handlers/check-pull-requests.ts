/**
 * The pull requests a check or check-suite event is about. GitHub lists them in the payload — except
 * for forks, whose list is empty: then they are looked up by head. A re-run of a check named for a
 * base (`Blueprint sign-off: main`) concerns only the pull requests into that base.
 */
import type { Context } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { pullRequestsForCommit } from '../../adapters/github/pull-request.js';
import type { AppRuntime } from '../runtime.js';

export interface CheckPullRequest {
  number: number;
  base: { ref: string; repo: { id: number } };
}

export async function pullRequestsOfCheck(
  context: Context<'check_run' | 'check_suite'>,
  runtime: AppRuntime,
  headSha: string,
  listed: readonly CheckPullRequest[],
  base: string | undefined,
): Promise<{ pullNumber: number; base: string }[]> {
  const repoId = context.payload.repository.id;
  let found = listed
    .filter((pr) => pr.base.repo.id === repoId)
    .map((pr) => ({ pullNumber: pr.number, base: pr.base.ref }));
  if (found.length === 0) {
    const { owner, repo } = context.repo();
    const client = new GitHubClient(context.octokit as Octokit, owner, repo, runtime.settings.client);
    found = (await pullRequestsForCommit(client, headSha)).map((pr) => ({
      pullNumber: pr.number,
      base: pr.baseRef,
    }));
  }
  return base === undefined ? found : found.filter((pr) => pr.base === base);
}
