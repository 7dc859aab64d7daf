/**
 * Fail closed when the queue cannot take a job (Redis unreachable): the pull request's checks say the
 * work is delayed and stay pending, so branch protection approves nothing meanwhile. The review check
 * is (re)written as `queued` unless the head was already reviewed; the sign-off check gets a new
 * `queued` run, which replaces any earlier verdict on the head (the latest run of a name counts) —
 * even one the refused job itself wrote, had the queue taken it after all (enqueue.ts): so the job
 * is offered to the queue again once the marks are written, and its run writes over them. The
 * webhook is then answered with an error, so the delivery shows as failed in the app's settings and
 * can be redelivered should this replica end first; any later event of the pull request also
 * catches up.
 * Who pushed the head (the delivery's sender, see src/signoff/pushes.ts) is recorded by that same
 * write, through the one way a record is written (`recordPushes`: its size cap, its check of what
 * GitHub kept, never a record rewritten): the job that would have recorded it may never run, and
 * without the record every later evaluation of this head, or of a head pushed on top of it, fails
 * closed.
 */
import { loggedError } from './log-text.js';
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { CheckRun } from '../adapters/github/check-run.js';
import { recordPushes } from '../adapters/github/pushes.js';
import { checkNameFor, SIGNOFF_CHECK_NAME } from './check-name.js';
import type { JobDescriptor, Logger } from './jobs.js';
import type { GivenUpOffering, RefusalReason } from './deferred-jobs.js';
import { sweepJobs, sweepPage } from './sweep.js';

export interface DelayedChecks {
  reviewCheckName: string;
  signoff: boolean;
  appId(): Promise<number>;
}

const AFTERWARDS =
  'It runs once the queue is back: the app offers it to the queue again by itself. To hurry it along: push a commit, ' +
  're-run this check, or redeliver the failed webhook (the GitHub App’s settings → Advanced → Recent deliveries).';

/**
 * The jobs whose checks a refusal of `job` marks delayed, and its give-up marks stopped: its own, or a
 * sweep's first page (a bounded page, not every open pull request of an organisation), read now.
 */
export async function jobsMarkedFor(
  octokit: Octokit,
  job: JobDescriptor,
  client: ClientOptions | undefined,
  log: Logger,
): Promise<JobDescriptor[]> {
  if (!job.sweep) return [job];
  const sweep = { ...job, sweep: job.sweep };
  const page = await sweepPage(octokit, sweep, client, log);
  return sweepJobs(sweep, { ...page, next: undefined });
}

export async function markDelayed(
  octokit: Octokit,
  job: JobDescriptor,
  checks: DelayedChecks,
  log: Logger,
): Promise<void> {
  const client = new GitHubClient(octokit, job.owner, job.repo);
  const appId = await checks.appId();
  // A merge group whose branch names no base has no check name branch protection could require.
  if (job.kind === 'merge-group' && !job.base) return;
  const writes: Promise<void>[] = [];
  // A merge group gets both checks, as a pull request does (merge-group-job.ts); so does a config
  // change's marking (stale-checks.ts), whose review success may be as stale as the sign-off's.
  if (job.kind !== 'signoff' || (job.stale && !job.moved))
    writes.push(
      queued(
        client,
        new CheckRun(client, checkNameFor(checks.reviewCheckName, job.base), job.headSha, appId),
        {
          title: 'Review delayed',
          summary: `**The review of this commit is delayed:** the app's job queue is unreachable. Nothing is approved meanwhile.\n\n${AFTERWARDS}\n`,
          keepCompleted: !job.force,
        },
      ),
    );
  if (checks.signoff) writes.push(signoffDelayed(client, appId, job));
  const failures = (await Promise.allSettled(writes)).filter((r) => r.status === 'rejected');
  for (const failure of failures)
    log.error(
      { err: loggedError((failure as PromiseRejectedResult).reason) },
      'could not mark the check as delayed',
    );
}

/**
 * The sign-off check as `queued`: a new run holding the delivery's push when it was not recorded yet
 * (the newest run is the one shown), else the check written as any other.
 */
async function signoffDelayed(client: GitHubClient, appId: number, job: JobDescriptor): Promise<void> {
  const name = checkNameFor(SIGNOFF_CHECK_NAME, job.base);
  const delayed = {
    title: 'Sign-off delayed',
    summary: `**The sign-off cannot be evaluated now:** the app's job queue is unreachable, so it does not pass.\n\n${AFTERWARDS}\n`,
  };
  const push = job.push ? [{ after: job.headSha, ...job.push }] : [];
  if (push.length > 0 && (await recordPushes(client, appId, name, push, { pending: delayed })).writes > 0)
    return;
  await queued(client, new CheckRun(client, name, job.headSha, appId), { ...delayed, keepCompleted: false });
}

/** Writes the check as `queued`: updates a pending run, or adds one. */
async function queued(
  client: GitHubClient,
  check: CheckRun,
  output: { title: string; summary: string; keepCompleted: boolean },
): Promise<void> {
  const existing = await check.findExisting();
  if (existing?.status === 'completed' && output.keepCompleted) return;
  const { owner, repo } = client;
  const fields = {
    status: 'queued' as const,
    output: { title: output.title, summary: output.summary },
  };
  if (existing && existing.status !== 'completed') {
    await client.call(`PATCH /repos/${owner}/${repo}/check-runs/${existing.id}`, () =>
      client.octokit.rest.checks.update({ owner, repo, check_run_id: existing.id, ...fields }),
    );
    return;
  }
  await client.call(`POST /repos/${owner}/${repo}/check-runs`, () =>
    client.octokit.rest.checks.create({ owner, repo, name: check.name, head_sha: check.headSha, ...fields }),
  );
}

const REFUSED_BECAUSE: Record<RefusalReason, string> = {
  'not-replicated': "the app's job queue took it, but its Redis replicas did not acknowledge it in time",
  unreachable: "the app's job queue is unreachable",
};

/**
 * A delayed job the app stopped offering to its queue (deferred-jobs.ts): the checks it marked
 * delayed say so, and what runs it now, rather than that the app retries by itself. Only a check still
 * pending is rewritten, never added: a verdict written meanwhile (the queue took the job after all)
 * stands, and a check the refusal did not mark stays as it was.
 */
export async function markNoLongerOffered(
  octokit: Octokit,
  job: JobDescriptor,
  checks: DelayedChecks,
  log: Logger,
  why: GivenUpOffering,
): Promise<void> {
  // A sweep (pull request 0) has no checks of its own: its first page's are marked (`jobsMarkedFor`).
  if (job.sweep || (job.kind === 'merge-group' && !job.base)) return;
  const client = new GitHubClient(octokit, job.owner, job.repo);
  const appId = await checks.appId();
  const summary =
    `**Not run:** ${REFUSED_BECAUSE[why.reason]}; the app offered it again ${why.offers} times and ` +
    'stopped. Nothing is approved meanwhile.\n\nTo run it: push a commit, re-run this check, or redeliver ' +
    'the failed webhook (the GitHub App’s settings → Advanced → Recent deliveries).\n';
  const names: [string, string][] = [];
  if (job.kind !== 'signoff' || (job.stale && !job.moved))
    names.push([checkNameFor(checks.reviewCheckName, job.base), 'Review delayed']);
  if (checks.signoff) names.push([checkNameFor(SIGNOFF_CHECK_NAME, job.base), 'Sign-off delayed']);
  const failures = (
    await Promise.allSettled(
      names.map(([name, title]) =>
        stillPending(client, new CheckRun(client, name, job.headSha, appId), { title, summary }),
      ),
    )
  ).filter((r) => r.status === 'rejected');
  for (const failure of failures)
    log.error(
      { err: loggedError((failure as PromiseRejectedResult).reason) },
      'could not mark the check of a job no longer offered',
    );
}

/** Rewrites the check's output if its newest run is still pending; leaves a completed one, adds none. */
async function stillPending(
  client: GitHubClient,
  check: CheckRun,
  output: { title: string; summary: string },
): Promise<void> {
  const existing = await check.findExisting();
  if (!existing || existing.status === 'completed') return;
  const { owner, repo } = client;
  await client.call(`PATCH /repos/${owner}/${repo}/check-runs/${existing.id}`, () =>
    client.octokit.rest.checks.update({ owner, repo, check_run_id: existing.id, output }),
  );
}
