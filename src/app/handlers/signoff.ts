/**
 * The sign-off gate's event handlers. The gate is evaluated again whenever its inputs may have
 * changed: a review is submitted, edited or dismissed; a label is added or removed; someone asks to
 * re-run the check — and after every review of a new head (the review job evaluates it next, with the
 * review's verdict). Events the app caused itself are ignored. Evaluations share the pull request's
 * lane with its reviews, one at a time; a request while one waits is answered by that one, and each
 * evaluation reads the pull request afresh, so the last one written reflects the latest state.
 */
import type { Context, Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { pullRequestsForCommit } from '../../adapters/github/pull-request.js';
import { CHECK_NAME } from '../../signoff/render.js';
import type { AppRuntime } from '../runtime.js';
import { enqueueFromEvent } from './enqueue.js';

export const SIGNOFF_EVENTS = [
  'pull_request_review.submitted',
  'pull_request_review.edited',
  'pull_request_review.dismissed',
  'pull_request.labeled',
  'pull_request.unlabeled',
] as const;

export function registerSignoffHandlers(app: Probot, runtime: AppRuntime): void {
  app.on([...SIGNOFF_EVENTS], async (context) => {
    const { payload } = context;
    if (await runtime.isOwnEvent(payload.sender)) return;
    const pr = payload.pull_request;
    await enqueueFromEvent(context, runtime, {
      kind: 'signoff',
      pullNumber: pr.number,
      headSha: pr.head.sha,
      base: pr.base.ref,
      force: true,
    });
  });

  app.on('check_run.rerequested', async (context) => {
    const { payload } = context;
    if (payload.check_run.name !== CHECK_NAME) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    const headSha = payload.check_run.head_sha;
    for (const pr of await pullRequests(context, runtime, headSha))
      await enqueueFromEvent(context, runtime, { kind: 'signoff', ...pr, headSha, force: true });
  });
}

/** The pull requests a re-run names; for forks GitHub names none, so they are looked up by head. */
async function pullRequests(
  context: Context<'check_run.rerequested'>,
  runtime: AppRuntime,
  headSha: string,
): Promise<{ pullNumber: number; base: string }[]> {
  const repoId = context.payload.repository.id;
  const listed = context.payload.check_run.pull_requests.filter((pr) => pr.base.repo.id === repoId);
  if (listed.length > 0) return listed.map((pr) => ({ pullNumber: pr.number, base: pr.base.ref }));
  const { owner, repo } = context.repo();
  const client = new GitHubClient(context.octokit as Octokit, owner, repo, runtime.settings.client);
  return (await pullRequestsForCommit(client, headSha)).map((pr) => ({
    pullNumber: pr.number,
    base: pr.baseRef,
  }));
}
