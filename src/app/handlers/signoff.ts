/**
 * The sign-off gate's event handlers. The gate is evaluated again whenever its inputs may have
 * changed: a review is submitted, edited or dismissed; a label is added or removed; the review of a
 * new head (push, new base) finishes; someone asks to re-run the check. Events the app caused itself
 * are ignored. Evaluations share the app's queue, one at a time per pull request; a newer request
 * replaces a waiting one, and each evaluation reads the pull request afresh, so the last one written
 * reflects the latest state.
 */
import type { Context, Probot } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { pullRequestsForCommit } from '../../adapters/github/pull-request.js';
import { CHECK_NAME } from '../../signoff/render.js';
import type { AppRuntime } from '../runtime.js';
import type { SignoffSettings, SignoffTarget } from '../signoff-job.js';
import { runSignoff } from '../signoff-job.js';

export const SIGNOFF_EVENTS = [
  'pull_request_review.submitted',
  'pull_request_review.edited',
  'pull_request_review.dismissed',
  'pull_request.labeled',
  'pull_request.unlabeled',
] as const;

interface Log {
  info(details: object, message: string): void;
}

export function registerSignoffHandlers(app: Probot, runtime: AppRuntime): void {
  const settings: SignoffSettings = {
    checkName: CHECK_NAME,
    reviewCheckName: runtime.settings.checkName,
    validator: runtime.settings.validator,
    botLogin: () => runtime.botLogin(),
    ...(runtime.settings.client ? { client: runtime.settings.client } : {}),
  };

  app.on([...SIGNOFF_EVENTS], async (context) => {
    const { payload } = context;
    if (await runtime.isOwnEvent(payload.sender)) return;
    const { owner, repo } = context.repo();
    const target = {
      octokit: context.octokit as Octokit,
      owner,
      repo,
      pullNumber: payload.pull_request.number,
    };
    enqueue(runtime, settings, target, payload.pull_request.head.sha, context.log);
  });

  app.on('check_run.rerequested', async (context) => {
    const { payload } = context;
    if (payload.check_run.name !== settings.checkName) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    for (const pullNumber of await pullNumbers(context, settings, payload.check_run.head_sha)) {
      const { owner, repo } = context.repo();
      enqueue(
        runtime,
        settings,
        { octokit: context.octokit as Octokit, owner, repo, pullNumber },
        payload.check_run.head_sha,
        context.log,
      );
    }
  });

  // A push or a new base is reviewed first; the gate follows once the review's verdict is known.
  runtime.onReviewFinished((event) => {
    const { result, headSha, ...rest } = event;
    enqueue(runtime, settings, { ...rest, review: { headSha, result } }, headSha, app.log);
  });
}

/** The pull requests a re-run names; for forks GitHub names none, so they are looked up by head. */
async function pullNumbers(
  context: Context<'check_run.rerequested'>,
  settings: SignoffSettings,
  headSha: string,
): Promise<number[]> {
  const repoId = context.payload.repository.id;
  const listed = context.payload.check_run.pull_requests.filter((pr) => pr.base.repo.id === repoId);
  if (listed.length > 0) return listed.map((pr) => pr.number);
  const { owner, repo } = context.repo();
  const client = new GitHubClient(context.octokit as Octokit, owner, repo, settings.client);
  return (await pullRequestsForCommit(client, headSha)).map((pr) => pr.number);
}

function enqueue(
  runtime: AppRuntime,
  settings: SignoffSettings,
  target: SignoffTarget,
  headSha: string,
  log: Log,
): void {
  const key = `${target.owner}/${target.repo}#${target.pullNumber} sign-off`;
  runtime.queue.enqueue({
    key,
    sha: headSha,
    // Every event can change the decision (a review on the same head, say): never deduplicated by SHA.
    force: true,
    async run() {
      const result = await runSignoff(target, settings);
      log.info({ pr: key, result: result.kind, requests: result.requests }, 'sign-off evaluated');
    },
  });
}
