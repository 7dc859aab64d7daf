/**
 * The sign-off gate's event handlers. The gate is evaluated again whenever its inputs may have
 * changed: a review is submitted, edited or dismissed; a label is added or removed; someone asks to
 * re-run the check — and after every review of a new head (the review job evaluates it next, with the
 * review's verdict). Events the app caused itself are ignored. Evaluations share the pull request's
 * lane with its reviews, one at a time; a request while one waits is answered by that one, and each
 * evaluation reads the pull request afresh, so the last one written reflects the latest state.
 */
import type { Context, Probot } from 'probot';
import { CheckRun } from '../../adapters/github/check-run.js';
import type { Octokit } from '../../adapters/github/client.js';
import { GitHubClient } from '../../adapters/github/client.js';
import { recordPush } from '../../adapters/github/pushes.js';
import { baseOfCheckName, checkNameFor, SIGNOFF_CHECK_NAME } from '../check-name.js';
import type { AppRuntime } from '../runtime.js';
import { pullRequestsOfCheck } from './check-pull-requests.js';
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
    const base = baseOfCheckName(SIGNOFF_CHECK_NAME, payload.check_run.name);
    if (base === undefined) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    const headSha = payload.check_run.head_sha;
    const listed = payload.check_run.pull_requests;
    for (const pr of await pullRequestsOfCheck(context, runtime, headSha, listed, base))
      await enqueueFromEvent(context, runtime, { kind: 'signoff', ...pr, headSha, force: true });
  });
}

/** Deliveries whose sender made the pull request's head what it is. */
const PUSH_ACTIONS: ReadonlySet<string> = new Set(['opened', 'synchronize', 'reopened']);

/**
 * Records who made the pull request's head, from the delivery's sender (pushes.ts), on the sign-off
 * check of the new head, before any evaluation of that head is queued. Returns the error when GitHub
 * did not take the record: the delivery should then fail, so it can be redelivered (until then the
 * gate cannot know who pushed, and fails closed).
 */
export async function recordPushOf(context: Context<'pull_request'>, runtime: AppRuntime): Promise<unknown> {
  const { payload } = context;
  if (!runtime.jobSettings.signoff || !PUSH_ACTIONS.has(payload.action)) return undefined;
  const pr = payload.pull_request;
  const before = payload.action === 'synchronize' ? (payload as { before?: string }).before : undefined;
  const by = payload.sender?.login;
  if (!by) return new Error(`${context.name} delivery ${context.id} names no sender: who pushed is unknown`);
  const { owner, repo } = context.repo();
  const client = new GitHubClient(context.octokit as Octokit, owner, repo, runtime.settings.client);
  try {
    const check = new CheckRun(
      client,
      checkNameFor(runtime.jobSettings.signoff.checkName, pr.base.ref),
      pr.head.sha,
      await runtime.appId(),
    );
    const result = await recordPush(client, check, { by, before: before ?? null });
    context.log.info({ pusher: by, result }, 'push recorded');
    return undefined;
  } catch (error) {
    context.log.error(
      { err: error },
      'could not record who pushed; the sign-off fails closed until redelivered',
    );
    return error;
  }
}
