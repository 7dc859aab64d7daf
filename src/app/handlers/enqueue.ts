/**
 * From an event to a queued job descriptor: the installation, repository and delivery come from the
 * event, the rest from the handler. Every log line about the job carries the delivery id, the
 * repository, the pull request and the head. When the queue cannot take the job, the checks say the
 * review is delayed (delayed-checks.ts), the job is offered to the queue again, and the delivery fails.
 *
 * A refusal does not prove the job was not queued: a Redis that timed out after the add, or replicas
 * that did not acknowledge it (`NotReplicated`), leave a job that may run — here or in another
 * replica — and write its verdict before the "delayed" mark lands over it. So every door offers a
 * refused job to the queue again only once its marks are written (`AppRuntime.defer`): whatever a
 * mark replaced, a run queued after it writes last.
 */
import { loggedError } from '../log-text.js';
import type { Context } from 'probot';
import type { Octokit } from '../../adapters/github/client.js';
import { jobsMarkedFor, markDelayed } from '../delayed-checks.js';
import type { Sweep } from '../sweep.js';
import type { JobDescriptor, Logger } from '../jobs.js';
import { logBindings } from '../jobs.js';
import type { AppRuntime } from '../runtime.js';

export type JobRequest = Pick<
  JobDescriptor,
  | 'kind'
  | 'pullNumber'
  | 'headSha'
  | 'base'
  | 'force'
  | 'push'
  | 'mergeGroup'
  | 'left'
  | 'recheck'
  | 'stale'
  | 'moved'
  | 'movedFrom'
>;

/**
 * Queues the jobs one event asks for, in order (`enqueueEach`): each is tried even when another was
 * refused — a retargeted pull request's job for the base it left must not cost the review of its new
 * base its "delayed" mark and its retry — and the first refusal fails the delivery.
 */
export async function enqueueFromEvent(
  context: Context,
  runtime: AppRuntime,
  ...requests: JobRequest[]
): Promise<void> {
  const installationId = (context.payload as { installation?: { id?: number } }).installation?.id;
  if (installationId === undefined)
    throw new Error(`${context.name} delivery ${context.id} names no installation`);
  const { owner, repo } = context.repo();
  // The lane's key (jobs.ts `laneOf`): the delivery's repository id, whatever name it spells.
  const repositoryId = (context.payload as { repository?: { id?: number } }).repository?.id;
  const jobs = requests.map((request): JobDescriptor => ({
    ...request,
    installationId,
    repositoryId,
    owner,
    repo,
    deliveryId: context.id,
  }));
  await enqueueEach(context.octokit as Octokit, runtime, jobs, (job) => context.log.child(logBindings(job)));
}

/**
 * `work` for each item in turn, every one tried even when another failed (a success that no longer
 * holds must not stand for want of the rest); the first failure is thrown after the last item.
 */
export async function eachThenThrow<T>(
  items: Iterable<T>,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  const failures: unknown[] = [];
  for (const item of items) await work(item).catch((error: unknown) => void failures.push(error));
  if (failures.length > 0) throw failures[0];
}

/**
 * Starts a sweep (sweep.ts): its first page is queued as a job. When the queue cannot take it (Redis
 * unreachable), the pull requests of that first page have their checks marked delayed — a bounded
 * page, not every open pull request of an organisation from a webhook handler — the sweep is offered
 * to the queue again until it takes it (`AppRuntime.defer`), and the delivery fails, so it can be
 * redelivered should this process end first.
 */
export async function startSweep(
  octokit: Octokit,
  runtime: AppRuntime,
  job: JobDescriptor & { sweep: Sweep },
  log: Logger,
): Promise<void> {
  try {
    await runtime.enqueue(job, log);
    return;
  } catch (error) {
    log.error(
      { err: loggedError(error) },
      'could not queue the sweep of the open pull requests: marking its first page delayed; the sweep waits for the queue',
    );
    // Offered again only once the marks are written: an evaluation the sweep queues must not have its
    // verdict overwritten by a late "delayed".
    try {
      const marks = await jobsMarkedFor(octokit, job, runtime.settings.client, log);
      await eachThenThrow(marks, (pr) => markDelayed(octokit, pr, runtime.delayedChecks, log));
    } finally {
      runtime.defer(job, log);
    }
    throw error;
  }
}

/**
 * Queues each job, each even when another was refused. When the queue refuses them (Redis
 * unreachable), the checks of at most one sweep page's worth (`pullRequestsPerSweepPage`) are marked
 * delayed — a base with hundreds of open pull requests would otherwise have one webhook write
 * hundreds of checks — and every refused job is offered to the queue again until it takes it
 * (`AppRuntime.defer`); the first refusal is thrown after the last job, so the delivery fails and can
 * be redelivered.
 */
export async function enqueueEach(
  octokit: Octokit,
  runtime: AppRuntime,
  jobs: readonly JobDescriptor[],
  logOf: (job: JobDescriptor) => Logger,
): Promise<void> {
  let marks = runtime.pullRequestsPerSweepPage;
  const refused: { job: JobDescriptor; log: Logger; error: unknown }[] = [];
  for (const job of jobs) {
    const log = logOf(job);
    try {
      await runtime.enqueue(job, log);
    } catch (error) {
      refused.push({ job, log, error });
      log.error(
        { err: loggedError(error) },
        marks > 0
          ? 'could not queue the job; marking the checks delayed, and offering it to the queue again'
          : 'could not queue the job; offering it to the queue again (its checks are not marked: enough were for this delivery)',
      );
      if (marks-- > 0) await markDelayed(octokit, job, runtime.delayedChecks, log);
    }
  }
  // Offered again only once every mark is written: a job the queue runs must not have its verdict
  // overwritten by a late "delayed".
  for (const { job, log } of refused) runtime.defer(job, log);
  if (refused.length > 0) throw refused[0]!.error;
}
