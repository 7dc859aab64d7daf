/**
 * The review's event handlers: each reads the event, decides whether a review is due and queues a
 * job descriptor for it. They return at once; the queue does the work (GitHub waits at most 10 s).
 */
import type { Context, Probot } from 'probot';
import { baseOfCheckName } from '../check-name.js';
import type { AppRuntime } from '../runtime.js';
import type { CheckPullRequest } from './check-pull-requests.js';
import { pullRequestsOfCheck } from './check-pull-requests.js';
import { enqueueFromEvent } from './enqueue.js';
import { groupOfCheck } from './merge-group.js';
import { leftBaseRequest, pushOf } from './signoff.js';

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
    const pr = payload.pull_request;
    // The sign-off success for the base it left goes first: nothing evaluates that base for it now.
    const left = leftBaseRequest(context, runtime);
    const push = pushOf(context);
    await enqueueFromEvent(context, runtime, ...(left ? [left] : []), {
      kind: 'review',
      pullNumber: pr.number,
      headSha: pr.head.sha,
      base: pr.base.ref,
      force: false,
      ...(push ? { push } : {}),
    });
  });

  // A merge group's commit is no pull request's head: its re-run is handlers/merge-group.ts's.
  app.on('check_run.rerequested', async (context) => {
    const { payload } = context;
    const base = baseOfCheckName(runtime.settings.checkName, payload.check_run.name);
    if (base === undefined) return;
    if (groupOfCheck(payload.check_run)) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    await rerun(context, runtime, payload.check_run.head_sha, payload.check_run.pull_requests, base);
  });

  app.on('check_suite.rerequested', async (context) => {
    const { payload } = context;
    if (groupOfCheck(payload.check_suite)) return;
    if (await runtime.isOwnEvent(payload.sender)) return;
    await rerun(context, runtime, payload.check_suite.head_sha, payload.check_suite.pull_requests, undefined);
  });
}

/** Re-runs the review of every pull request the event names (for a named check: into its base). */
async function rerun(
  context: Context<'check_run.rerequested' | 'check_suite.rerequested'>,
  runtime: AppRuntime,
  headSha: string,
  listed: readonly CheckPullRequest[],
  base: string | undefined,
): Promise<void> {
  const found = await pullRequestsOfCheck(context, runtime, headSha, listed, base);
  if (found.length === 0)
    context.log.info({ headSha }, 'no open pull request has this head; nothing to re-run');
  await enqueueFromEvent(
    context,
    runtime,
    ...found.map((pr) => ({ kind: 'review' as const, ...pr, headSha, force: true })),
  );
}
