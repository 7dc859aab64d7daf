/**
 * The sign-off gate's event handlers. The gate is evaluated again whenever its inputs may have
 * changed: a review is submitted, edited or dismissed; a label is added or removed; someone asks to
 * re-run the check — and after every review of a new head (the review job evaluates it next, with the
 * review's verdict). Events the app caused itself are ignored. Evaluations share the pull request's
 * lane with its reviews, one at a time; a request while one waits is answered by that one, and each
 * evaluation reads the pull request afresh, so the last one written reflects the latest state.
 */
import type { Probot } from 'probot';
import { baseOfCheckName, SIGNOFF_CHECK_NAME } from '../check-name.js';
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
