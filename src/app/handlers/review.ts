/**
 * The review's event handlers: each reads the event, decides whether a review is due and queues
 * it. They return at once; the queue does the work (GitHub waits at most 10 s for an answer).
 */
import type { Context, Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { pullRequestsForCommit } from '../../adapters/github/pull-request.js';
import type { AppRuntime } from '../runtime.js';
import { runReview } from '../review-job.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
  'pull_request.edited',
] as const;

export function registerReviewHandlers(app: Probot, runtime: AppRuntime): void {
  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    const { payload } = context;
    if (await runtime.isOwnEvent(payload.sender)) return;
    // An edited title or body changes nothing reviewed; a new base branch changes everything.
    if (payload.action === 'edited' && !('changes' in payload && payload.changes.base)) return;
    enqueue(context, runtime, payload.pull_request.number, payload.pull_request.head.sha, false);
  });

  app.on('check_run.rerequested', async (context) => {
    const { payload } = context;
    if (payload.check_run.name !== runtime.settings.checkName) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    await rerun(context, runtime, payload.check_run.head_sha, payload.check_run.pull_requests);
  });

  app.on('check_suite.rerequested', async (context) => {
    const { payload } = context;
    if (await runtime.isOwnEvent(payload.sender)) return;
    await rerun(context, runtime, payload.check_suite.head_sha, payload.check_suite.pull_requests);
  });
}

interface CheckPullRequest {
  number: number;
  base: { repo: { id: number } };
}

/** Re-run requests name their pull requests — except for forks, whose list is empty: look them up. */
async function rerun(
  context: Context<'check_run.rerequested' | 'check_suite.rerequested'>,
  runtime: AppRuntime,
  headSha: string,
  listed: readonly CheckPullRequest[],
): Promise<void> {
  const repoId = context.payload.repository.id;
  let numbers = listed.filter((pr) => pr.base.repo.id === repoId).map((pr) => pr.number);
  if (numbers.length === 0) {
    const { owner, repo } = context.repo();
    const client = new GitHubClient(context.octokit as Octokit, owner, repo, runtime.settings.client);
    numbers = (await pullRequestsForCommit(client, headSha)).map((pr) => pr.number);
  }
  if (numbers.length === 0)
    context.log.info({ headSha }, 'no open pull request has this head; nothing to re-run');
  for (const number of numbers) enqueue(context, runtime, number, headSha, true);
}

function enqueue(
  context: Context,
  runtime: AppRuntime,
  pullNumber: number,
  headSha: string,
  force: boolean,
): void {
  const { owner, repo } = context.repo();
  const octokit = context.octokit as Octokit;
  const log = context.log.child({ pr: `${owner}/${repo}#${pullNumber}`, sha: headSha.slice(0, 7) });
  const state = runtime.queue.enqueue({
    key: `${owner}/${repo}#${pullNumber}`,
    sha: headSha,
    force,
    async run(signal) {
      const result = await runReview(
        { octokit, owner, repo, pullNumber, headSha, force },
        runtime.settings,
        signal,
      );
      log.info({ result: result.kind, requests: result.requests }, 'review finished');
      runtime.reviewFinished({ octokit, owner, repo, pullNumber, headSha, result });
    },
  });
  log.info({ state }, 'review queued');
}
