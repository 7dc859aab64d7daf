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
import type { PushEntry } from '../../signoff/pushes.js';
import { isAccountId } from '../../signoff/pushes.js';
import type { JobRequest } from './enqueue.js';
import { logBindings } from '../jobs.js';
import { baseOfCheckName, SIGNOFF_CHECK_NAME } from '../check-name.js';
import type { AppRuntime } from '../runtime.js';
import { pullRequestsOfCheck } from './check-pull-requests.js';
import { enqueueFromEvent, startSweep } from './enqueue.js';
import { sweepJob } from '../sweep.js';
import { groupOfCheck } from './merge-group.js';

export const SIGNOFF_EVENTS = [
  'pull_request_review.submitted',
  'pull_request_review.edited',
  'pull_request_review.dismissed',
  'pull_request.labeled',
  'pull_request.unlabeled',
] as const;

/**
 * Who is in a team, and who has write access, decide whose approval counts (looked up at each
 * evaluation): when a membership changes, a collaborator is added, removed or given another
 * permission (`member`: an approver downgraded to read no longer counts), or a team is renamed,
 * deleted or given or taken access, every open pull request the installation can see is evaluated
 * again. An evaluation whose verdict does not change writes
 * nothing, so pull requests that do not wait on the team see no change.
 */
export const MEMBERSHIP_EVENTS = [
  'member.added',
  'member.edited',
  'member.removed',
  'membership.added',
  'membership.removed',
  'team.edited',
  'team.deleted',
  'team.added_to_repository',
  'team.removed_from_repository',
  'organization.member_added',
  'organization.member_removed',
] as const;

export function registerSignoffHandlers(app: Probot, runtime: AppRuntime): void {
  app.on([...MEMBERSHIP_EVENTS], (context) => evaluateAfterMembershipChange(context, runtime));

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

  // Closed unmerged: its success for the base must not outlive it (left-base.ts). Retargeting is the
  // review handler's (the same delivery also reviews the new base).
  app.on('pull_request.closed', async (context) => {
    if (await runtime.isOwnEvent(context.payload.sender)) return;
    const left = leftBaseRequest(context, runtime);
    if (left) await enqueueFromEvent(context, runtime, left);
  });

  app.on('check_run.rerequested', (context) => evaluateOnRerun(context, runtime));

  // A suspended installation is sent no webhooks and can write nothing: whatever changed meanwhile
  // (who is in a team or may write, a base's config or owners) was never heard, and each success
  // written before the suspension stood for a state that may be gone.
  app.on('installation.unsuspend', (context) => evaluateAfterSuspension(context, runtime));
}

/** Every open pull request of an installation unsuspended is evaluated again, a page per job. */
async function evaluateAfterSuspension(
  context: Context<'installation.unsuspend'>,
  runtime: AppRuntime,
): Promise<void> {
  const { installation } = context.payload;
  const owner = (installation.account as { login?: string } | null)?.login ?? '';
  const job = sweepJob(
    { owner, repo: '', installationId: installation.id, delivery: context.id },
    { mode: 'evaluate', limit: runtime.pullRequestsPerSweepPage },
  );
  await startSweep(context.octokit as Octokit, runtime, job, context.log.child(logBindings(job)));
}

/** Who approves may have changed (see MEMBERSHIP_EVENTS): the open pull requests are evaluated again. */
async function evaluateAfterMembershipChange(context: Context, runtime: AppRuntime): Promise<void> {
  const payload = context.payload as MembershipPayload;
  if (await runtime.isOwnEvent(payload.sender)) return;
  const installationId = payload.installation?.id;
  if (installationId === undefined) return;
  const named = payload.repository && {
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    id: payload.repository.id,
  };
  // Every open pull request of the installation (or of the repository the event names), a page per
  // job (sweep.ts): an organisation's thousands are all evaluated, none from this handler.
  const job = sweepJob(
    {
      ...(named ?? { owner: payload.organization?.login ?? '', repo: '' }),
      installationId,
      delivery: context.id,
    },
    { mode: 'evaluate', limit: runtime.pullRequestsPerSweepPage, ...(named ? { only: [named] } : {}) },
  );
  await startSweep(context.octokit as Octokit, runtime, job, context.log.child(logBindings(job)));
}

/** A re-run of the sign-off check: each open pull request of that head into that base is evaluated again. */
async function evaluateOnRerun(
  context: Context<'check_run.rerequested'>,
  runtime: AppRuntime,
): Promise<void> {
  const { payload } = context;
  const base = baseOfCheckName(SIGNOFF_CHECK_NAME, payload.check_run.name);
  if (base === undefined) return;
  // A merge group's commit is no pull request's head: its re-run is handlers/merge-group.ts's.
  if (groupOfCheck(payload.check_run)) return;
  if (await runtime.isOwnEvent(payload.sender)) return;
  const headSha = payload.check_run.head_sha;
  const listed = payload.check_run.pull_requests;
  const found = await pullRequestsOfCheck(context, runtime, headSha, listed, base);
  await enqueueFromEvent(
    context,
    runtime,
    ...found.map((pr) => ({ kind: 'signoff' as const, ...pr, headSha, force: true })),
  );
}

/**
 * The job that withdraws the sign-off success for a base the pull request left (src/app/left-base.ts):
 * an `edited` delivery that changed its base (the old one is in `changes.base.ref.from`), or a
 * `closed` one that did not merge it. Undefined for any other delivery, or without the sign-off.
 */
export function leftBaseRequest(
  context: Context<'pull_request'>,
  runtime: AppRuntime,
): JobRequest | undefined {
  if (!runtime.jobSettings.signoff) return undefined;
  const { payload } = context;
  const pr = payload.pull_request;
  const base =
    payload.action === 'edited'
      ? (payload as { changes?: { base?: { ref?: { from?: unknown } } } }).changes?.base?.ref?.from
      : payload.action === 'closed' && pr.merged !== true
        ? pr.base.ref
        : undefined;
  if (typeof base !== 'string' || base === '') return undefined;
  return {
    kind: 'signoff',
    pullNumber: pr.number,
    headSha: pr.head.sha,
    base,
    force: true,
    left: payload.action === 'edited' ? 'retargeted' : 'closed',
  };
}

/** Deliveries whose sender made the pull request's head what it is. */
const PUSH_ACTIONS: ReadonlySet<string> = new Set(['opened', 'synchronize', 'reopened']);

/**
 * Who made the pull request's head, from the delivery's sender (see src/signoff/pushes.ts): the job
 * of that head records it on the head's sign-off check before anything else, and a job skipped for a
 * newer head still records it (runtime.ts), so the trace from any later head finds it.
 */
export function pushOf(context: Context<'pull_request'>): PushEntry | undefined {
  const { payload } = context;
  const by = payload.sender?.login;
  if (!PUSH_ACTIONS.has(payload.action) || !by) return undefined;
  const before = payload.action === 'synchronize' ? (payload as { before?: string }).before : undefined;
  // The account's id outlives a rename of its login: the pusher stays known under a later login.
  const id: unknown = (payload.sender as { id?: unknown } | undefined)?.id;
  return { by, before: before ?? null, ...(isAccountId(id) ? { id } : {}) };
}

/** What the membership, team and organization deliveries share, as far as they are read here. */
interface MembershipPayload {
  sender?: { type?: string; login?: string };
  installation?: { id: number };
  organization?: { login: string };
  /** Only `member` and `team.added_to_repository`/`team.removed_from_repository` name one. */
  repository?: { id: number; name: string; owner: { login: string } };
}
