/**
 * What the queue calls around each job: run it (in a worker thread or here), then log and count how
 * it ended, queue what follows it (the newer head, the merge groups built on its group), and, when it
 * is given up, mark its checks so none stays `in_progress` or keeps a verdict the job was to replace.
 */
import { loggedError, logText } from './log-text.js';
import type { Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { repositoryIdOf } from '../adapters/github/repository-id.js';
import type { MergeGroupEvent } from '../signoff/merge-group.js';
import type { JobDescriptor, JobSettings, Logger } from './jobs.js';
import { followUpFor, groupsToWake, mergeGroupSettings } from './jobs.js';
import { runJob } from './run-job.js';
import type { EnqueueResult, JobHandlers, JobResult, Lease } from './queue.js';
import type { AppMetrics } from './metrics.js';
import type { ThreadRunner } from './threads.js';
import type { OctokitFor } from './github-access.js';
import { abandonMergeGroup } from './merge-group-job.js';
import { abandonReview, abandonSignoff } from './job-boundary.js';
import { abandonStale } from './stale-checks.js';
import type { BudgetLimit } from './job-budget.js';
import { JobStopped, stoppedReviewOutput } from './job-budget.js';
import type { Repository, Sweep, SweepPage, UnreadRepository } from './sweep.js';
import { graphqlSweep, PullRequestsUnlisted, sweepJobs, sweepPage, unlistedError } from './sweep.js';
import { eachThenThrow } from './handlers/enqueue.js';
import type { MarkingTry } from './queue-give-up.js';
import { MarksNotWritten } from './queue-give-up.js';
import { AnswerClock } from '../adapters/github/answer-clock.js';
import { worthRetryingLater } from './job-errors.js';

export interface JobHandlerDeps {
  jobSettings: JobSettings;
  metrics: AppMetrics;
  octokitFor: OctokitFor;
  /** Undefined when jobs run in this thread. */
  threads: ThreadRunner | undefined;
  jobLog(job: JobDescriptor): Logger;
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
}

export function jobHandlers(deps: JobHandlerDeps): JobHandlers {
  const { jobSettings, octokitFor, threads, jobLog } = deps;
  return {
    async run(job, signal, lease) {
      const outcome = threads
        ? await threads.run(job, signal, jobLog(job), lease)
        : await runJob(job, await octokitFor(job.installationId, lease), jobSettings, signal, jobLog(job));
      if (job.sweep && outcome.sweep) await queueSweepPage(deps, { ...job, sweep: job.sweep }, outcome.sweep);
      return outcome;
    },
    finished: (job, result) => jobFinished(deps, job, result),
    abandoned: (job, reason, error, lease, marking = { last: false }) =>
      jobAbandoned(deps, job, { reason, error, marking }, lease),
    leaseLost(job) {
      jobLog(job).warn(
        {},
        `${job.kind}: lease lost (this replica was paused, or lost Redis): stopped writing; it runs again unless another replica took it over`,
      );
    },
    retrying(job, error, attempt, delayMs) {
      jobLog(job).warn({ err: loggedError(error), attempt, delayMs }, 'job failed; retrying');
    },
    async repositoryIdOf(job) {
      const octokit = await octokitFor(job.installationId);
      const id = await repositoryIdOf(
        new GitHubClient(octokit, job.owner, job.repo, jobSettings.review.client),
      );
      jobLog(job).info(
        { repositoryId: id },
        'queued without its repository id (by an older replica): read it',
      );
      return id;
    },
  };
}

async function jobFinished(deps: JobHandlerDeps, job: JobDescriptor, result: JobResult): Promise<void> {
  deps.metrics.jobEnded(job, result);
  const log = deps.jobLog(job);
  // Its push stays in the lane's trail: the job of the newer head records it (queue.ts).
  if (result.kind === 'skipped') log.info({}, 'skipped: a newer head was pushed');
  if (result.kind === 'failed')
    log.error({ err: loggedError(result.error), attempts: result.attempts }, 'job failed; giving up');
  if (result.kind !== 'done') return;
  const next = followUpFor(job, result.outcome);
  if (next)
    await deps
      .enqueue(next, log)
      .catch((error: unknown) => log.error({ err: loggedError(error) }, 'could not queue the new head'));
  await wakeGroupsBehind(deps, job, result.outcome.mergeGroup?.wake ?? [], log);
}

/**
 * A group's checks got their verdicts: the groups built on it, which may wait for them, are checked
 * again (merge-group-job.ts). One that cannot be queued is left to the queue's timeout for checks.
 */
async function wakeGroupsBehind(
  deps: JobHandlerDeps,
  job: JobDescriptor,
  wake: readonly MergeGroupEvent[],
  log: Logger,
): Promise<void> {
  for (const behind of groupsToWake(job, wake))
    await deps
      .enqueue(behind, deps.jobLog(behind))
      .catch((error: unknown) =>
        log.error(
          { err: loggedError(error), group: behind.headSha },
          'could not queue the merge group built on this one',
        ),
      );
}

/**
 * What a sweep's page found, queued within the page's run (sweep.ts): each job tried, then the first
 * refusal thrown — as is a repository the page could not list — so the queue runs the page again
 * (what it queued already is taken once) rather than losing the rest of the walk.
 */
async function queueSweepPage(
  deps: JobHandlerDeps,
  job: JobDescriptor & { sweep: Sweep },
  page: SweepPage,
): Promise<void> {
  await eachThenThrow(sweepJobs(job, page), (next) => deps.enqueue(next, deps.jobLog(next)));
  if (page.unread.length > 0) throw new PullRequestsUnlisted(page.unread);
}

/**
 * Marks the checks of a job given up (`marking` says which try: queue-give-up.ts). Marks refused for
 * a while reject with `MarksNotWritten`, saying GitHub's time of the try's latest answer, which later
 * tries are handed as `since`.
 */
async function jobAbandoned(
  deps: JobHandlerDeps,
  job: JobDescriptor,
  { reason, error, marking }: { reason: string; error: unknown; marking: MarkingTry },
  lease: Lease | undefined,
): Promise<void> {
  const log = deps.jobLog(job);
  const stopped = error instanceof JobStopped ? error.limit : undefined;
  // The reason may quote a blueprint or a GitHub error naming a branch: a field pino-pretty prints raw.
  log.error({ reason: logText(reason), ...(stopped ? { stopped } : {}) }, `${job.kind} given up`);
  let octokit: Octokit;
  try {
    octokit = await deps.octokitFor(job.installationId, lease);
  } catch (error) {
    // Nothing was written, and a later try costs one call: tried again (bounded, queue-give-up.ts)
    // whatever the cause, rather than leave every check of the job as it stood for good.
    log.error({ err: loggedError(error) }, 'could not mark the checks of the job given up yet');
    throw new MarksNotWritten(error);
  }
  const clock = new AnswerClock(octokit);
  const given: GivenUp = { job, reason, stopped, octokit, log, marking };
  try {
    if (job.sweep) await sweepGivenUp(deps, { ...job, sweep: job.sweep }, given);
    else if (job.kind === 'merge-group') await markMergeGroupGivenUp(deps, given);
    else await markPullRequestGivenUp(deps.jobSettings, given);
  } catch (refused) {
    if (!(refused instanceof MarksNotWritten)) throw refused;
    throw new MarksNotWritten(refused.cause, clock.latestAnswer);
  }
}

/**
 * A sweep's page has no check of its own, but the pull requests it was about must not keep a success
 * the sweep was to replace, nor the walk end there. The page is read once more (bounded: one page):
 * each pull request found is queued again (taken once: the page's earlier attempts may have queued
 * it) or, where the queue refuses it, its checks are marked as given up (the sign-off fails, saying
 * why); the next page is queued. A repository whose pull requests the REST listing still does not
 * give is walked through GraphQL instead (three fields a pull request, not each in full), a page at a
 * time like the REST walk: its first page read here, the next ones queued; a GraphQL page given up
 * fails closed as REST pages do. A page GitHub does not give for a while (the installation's
 * repositories: a rate limit, no answer), a repository it does not list either way for a while, or
 * marks it refused for a while, are tried again later (`MarksNotWritten`, bounded), as a pull
 * request's marks are. A repository that cannot be listed for good, or still not on the last try, is
 * logged by name with why: its pull requests keep their checks until their next event or a re-run.
 */
async function sweepGivenUp(
  deps: JobHandlerDeps,
  job: JobDescriptor & { sweep: Sweep },
  { reason, octokit, log, marking }: GivenUp,
): Promise<void> {
  let page: SweepPage;
  try {
    page = await sweepPage(octokit, job, deps.jobSettings.review.client, log);
  } catch (error) {
    const later = worthRetryingLater(error);
    log.error(
      { err: loggedError(error), from: logText(job.sweep.from?.repository ?? 'the start') },
      later
        ? 'a sweep of the open pull requests was given up and its page cannot be read yet: read again later'
        : 'a sweep of the open pull requests was given up and its page cannot be read: those it did not reach keep their checks until their next event or a re-run',
    );
    // GitHub refusing for a while (a rate limit, no answer): the page is read again later (bounded,
    // queue-give-up.ts), as a pull request's marks are; its pull requests keep a stale success else.
    if (later) throw new MarksNotWritten(error);
    return;
  }
  const { jobs, unread } = await withUnreadThroughGraphql(deps, octokit, job, page, log);
  const why = `the ${job.sweep.mode === 'stale' ? 'marking' : 'evaluation'} of every open pull request it was part of was given up: ${reason}`;
  // Every pull request of the page is marked before one refusal is thrown: stopping at the first would
  // leave the rest with a stale success whenever the marks' last try is refused too.
  const refused: MarksNotWritten[] = [];
  for (const next of jobs) {
    const nextLog = deps.jobLog(next);
    await deps.enqueue(next, nextLog).catch(async (error: unknown) => {
      nextLog.error({ err: loggedError(error) }, 'could not queue it after its sweep was given up');
      if (next.sweep) return;
      await markPullRequestGivenUp(deps.jobSettings, {
        job: next,
        reason: why,
        stopped: undefined,
        octokit,
        log: nextLog,
        marking,
      }).catch((marking: unknown) => {
        if (!(marking instanceof MarksNotWritten)) throw marking;
        refused.push(marking);
      });
    });
  }
  refused.push(...unlistedForNow(unread, marking, log));
  if (refused.length > 0) throw refused[0];
}

/**
 * The repositories a sweep given up could not list: those GitHub refused for a while (a rate limit,
 * no answer) are listed again on a later try (`MarksNotWritten`, with GitHub's error: a limit's wait);
 * the rest, and all of them on the last try, are given up — logged by name, with why.
 */
function unlistedForNow(
  unread: readonly UnreadRepository[],
  marking: MarkingTry,
  log: Logger,
): MarksNotWritten[] {
  const later = marking.last ? [] : unread.filter((r) => worthRetryingLater(unlistedError(r.because)));
  if (later.length > 0)
    log.error(
      { repositories: later.map((r) => logText(spelled(r))) },
      'a sweep of the open pull requests was given up: the open pull requests of these repositories could not be listed yet: listed again later',
    );
  const lost = unread.filter((r) => !later.includes(r));
  if (lost.length > 0)
    log.error(
      {
        repositories: lost.map((r) => ({
          repository: logText(spelled(r)),
          why: logText(unlistedError(r.because).message),
        })),
      },
      'a sweep of the open pull requests was given up: the open pull requests of these repositories could not be listed, and are not tried again: they keep their checks until their next event or a re-run',
    );
  return later.slice(0, 1).map((r) => new MarksNotWritten(unlistedError(r.because)));
}

/**
 * The jobs `page` queues, with the first GraphQL page of each repository it could not list through
 * REST (and the walk through GraphQL from there); the repositories neither lists.
 */
async function withUnreadThroughGraphql(
  deps: JobHandlerDeps,
  octokit: Octokit,
  job: JobDescriptor & { sweep: Sweep },
  page: SweepPage,
  log: Logger,
): Promise<{ jobs: JobDescriptor[]; unread: UnreadRepository[] }> {
  const jobs = sweepJobs(job, page);
  // A page of a walk through GraphQL already is one: nothing else to ask.
  if (job.sweep.from?.through === 'graphql') return { jobs, unread: page.unread };
  const unread: UnreadRepository[] = [];
  for (const { because: _rest, ...repository } of page.unread) {
    const side = graphqlSweep(job, repository);
    const found = await sweepPage(octokit, side, deps.jobSettings.review.client, log);
    jobs.push(...sweepJobs(side, found));
    unread.push(...found.unread);
  }
  return { jobs, unread };
}

/** A job given up, with what its checks are marked through. */
interface GivenUp {
  job: JobDescriptor;
  reason: string;
  /** The budget limit that stopped it, if one did (its review check says so). */
  stopped: BudgetLimit | undefined;
  octokit: Octokit;
  log: Logger;
  /** Which try of the marks: on a later one, a verdict GitHub completed after `since` stays. */
  marking: MarkingTry;
}

/**
 * Marks the checks of a merge group's job given up, then wakes the groups built on it. Its checks are
 * what the merge queue waits on: marks GitHub refused for a while have the queue try them again later
 * (`MarksNotWritten`: a check already marked is left as it is, and the groups behind are woken once a
 * try writes the rest), as a pull request's are. A mark refused for good is logged.
 */
async function markMergeGroupGivenUp(
  deps: JobHandlerDeps,
  { job, reason, octokit, log, marking }: GivenUp,
): Promise<void> {
  if (!job.mergeGroup) return;
  const { owner, repo, mergeGroup: group } = job;
  let behind: Awaited<ReturnType<typeof abandonMergeGroup>>;
  try {
    behind = await abandonMergeGroup(
      { octokit, owner, repo, group },
      mergeGroupSettings(deps.jobSettings),
      reason,
      marking.since,
    );
  } catch (error) {
    log.error({ err: loggedError(error) }, 'could not mark the merge group checks of the job given up');
    if (worthRetryingLater(error)) throw new MarksNotWritten(error);
    return;
  }
  await wakeGroupsBehind(deps, job, behind.wake, log);
}

/**
 * Marks the checks of a pull request's job given up: each mark is tried, and one GitHub refused for a
 * while (a rate limit, no answer) has the queue try them all again later (`MarksNotWritten`: every
 * mark leaves a check already marked as it is). A mark refused for good is logged.
 */
async function markPullRequestGivenUp(
  jobSettings: JobSettings,
  { job, reason, stopped, octokit, log, marking }: GivenUp,
): Promise<void> {
  const { owner, repo, pullNumber, headSha, base, force } = job;
  const { since } = marking;
  const settings = jobSettings.review;
  const refused: unknown[] = [];
  const logged = (what: string) => (error: unknown) => {
    log.error({ err: loggedError(error) }, what);
    if (worthRetryingLater(error)) refused.push(error);
  };
  // A check is named for its base: without one (the event named none) the review has none to mark.
  if (job.kind === 'review' && base)
    await abandonReview(
      { octokit, owner, repo, pullNumber, headSha, base, force },
      settings,
      reason,
      stopped ? stoppedReviewOutput(stopped) : undefined,
      since,
    ).catch(logged('could not mark the review check of the job given up'));
  // A marking given up: a review success it did not get to may be as stale as the sign-off's.
  if (job.stale && !job.moved && base)
    await abandonStale(
      { octokit, owner, repo, pullNumber, headSha, base },
      settings,
      jobSettings.signoff?.appId ?? settings.appId,
      since,
    ).catch(logged('could not mark the review check of the marking given up'));
  if (jobSettings.signoff)
    await abandonSignoff(
      { octokit, owner, repo, pullNumber, headSha, base },
      jobSettings.signoff,
      reason,
      since,
    ).catch(logged('could not mark the sign-off check of the job given up'));
  if (refused.length > 0) throw new MarksNotWritten(refused[0]);
}

/** `owner/name` as GitHub listed it (for the logs). */
function spelled(r: Repository): string {
  return `${r.owner}/${r.repo}`;
}
