/**
 * How one job runs, once a worker has resolved its descriptor (jobs.ts) to an authenticated octokit:
 * the review of its head, then what the job is for — a merge group's checks, a marking of checks to
 * evaluate again, a base left, or the sign-off evaluation, which follows the review in the same job.
 */
import type { Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { PullRequestReads } from '../adapters/github/pull-request-reads.js';
import { guardedReview, guardedSignoff } from './job-boundary.js';
import { logText } from './log-text.js';
import type { ReviewRunResult } from './review-job.js';
import type { SignoffRunResult, SignoffSettings } from './signoff-job.js';
import { recordTrail } from './push-trail.js';
import type { MergeGroupRunResult } from './merge-group-job.js';
import { runMergeGroup } from './merge-group-job.js';
import { withdrawLeftBase } from './left-base.js';
import type { StaleResult } from './stale-checks.js';
import { markStale } from './stale-checks.js';
import { sweepPage } from './sweep.js';
import type {
  JobDescriptor,
  JobOutcome,
  JobSettings,
  Logger,
  PushRecord,
  ReviewOutcome,
  SignoffOutcome,
} from './jobs.js';
import { mergeGroupSettings, pushesToRecord } from './jobs.js';

/**
 * Runs one job with an authenticated octokit. A review is followed by the sign-off evaluation in the
 * same job (one lane, so no other evaluation of the pull request runs meanwhile), handing it the
 * review's verdict and contract changes instead of reading them again.
 */
export async function runJob(
  job: JobDescriptor,
  octokit: Octokit,
  settings: JobSettings,
  signal: AbortSignal,
  log: Logger,
): Promise<JobOutcome> {
  // A page of a sweep concerns no pull request of its own: what it found is queued by its caller.
  if (job.sweep)
    return { sweep: await sweepPage(octokit, { ...job, sweep: job.sweep }, settings.review.client, log) };
  const target = jobTarget(job, octokit);
  const outcome: JobOutcome = {};
  const review = job.kind === 'review' ? await reviewStep(job, target, settings, signal, log) : undefined;
  if (review) outcome.review = review.outcome;
  // Who pushed (this head, and heads skipped for it), where any later evaluation reads it: before the
  // evaluation — by it, with the head's record in its verdict's write —, after the review (which does
  // not need it: a burst's throttled writes must not hold the review back). Also when the review was
  // superseded: the queue forgets the trail once the job succeeds. A failure throws, and the queue
  // retries the job (the sign-off would fail closed).
  const pushes = pushesToRecord(job);
  if (job.kind === 'merge-group') {
    outcome.mergeGroup = await mergeGroupStep(job, octokit, settings, pushes, log);
    return outcome;
  }
  if (job.stale) {
    outcome.stale = await staleStep(job, target, settings, pushes, log);
    return outcome;
  }
  if (job.left && settings.signoff) {
    // What it throws, the queue retries; given up, the same check is marked failed (abandonSignoff).
    outcome.left = await withdrawLeftBase(
      { ...target, headSha: job.headSha, base: job.base, left: job.left, pushes },
      settings.signoff,
    );
    log.info({ kept: outcome.left.kept ?? 'none', requests: outcome.left.requests }, 'left a base');
    return outcome;
  }
  if (settings.signoff)
    outcome.signoff = await signoffStep(target, settings.signoff, review, job, pushes, log);
  return outcome;
}

/**
 * What every step of a job works on. Its reads are shared: the review and the sign-off read the pull
 * request, config, files, merge base and trees once.
 */
function jobTarget(job: JobDescriptor, octokit: Octokit) {
  return {
    octokit,
    owner: job.owner,
    repo: job.repo,
    pullNumber: job.pullNumber,
    base: job.base,
    reads: new PullRequestReads(),
  };
}

type JobTarget = ReturnType<typeof jobTarget>;

/**
 * The review of the job's head. The guarded job functions settle whatever happens, with the check
 * failed and the reason.
 */
async function reviewStep(
  job: JobDescriptor,
  target: JobTarget,
  settings: JobSettings,
  signal: AbortSignal,
  log: Logger,
): Promise<{ headSha: string; result: ReviewRunResult; outcome: ReviewOutcome }> {
  const started = performance.now();
  const result = await guardedReview(
    { ...target, headSha: job.headSha, base: job.base, force: job.force },
    { ...settings.review, log },
    signal,
    log,
  );
  log.info({ result: result.kind, requests: result.requests }, 'review finished');
  return {
    headSha: job.headSha,
    result,
    outcome: reviewOutcome(result, (performance.now() - started) / 1000),
  };
}

async function mergeGroupStep(
  job: JobDescriptor,
  octokit: Octokit,
  settings: JobSettings,
  pushes: PushRecord[],
  log: Logger,
): Promise<MergeGroupRunResult> {
  if (pushes.length > 0 && settings.signoff)
    await recordTrail(
      new GitHubClient(octokit, job.owner, job.repo, settings.signoff.client),
      pushes,
      settings.signoff,
    );
  const checked = await runMergeGroupJob(job, octokit, settings);
  const { verdicts, wake, wakeFailed } = checked;
  log.info({ verdicts, behind: wake.map((g) => g.headSha.slice(0, 7)) }, 'merge group checked');
  if (wakeFailed)
    log.warn(
      { reason: logText(wakeFailed) },
      'could not list the groups built on this one; they wait for the queue',
    );
  return checked;
}

/**
 * What it throws, the queue retries; given up, the sign-off is marked failed (abandonSignoff) and a
 * success of the review check too (abandonStale).
 */
async function staleStep(
  job: JobDescriptor,
  target: JobTarget,
  settings: JobSettings,
  pushes: PushRecord[],
  log: Logger,
): Promise<StaleResult> {
  const stale = await markStale(
    {
      ...target,
      base: job.base,
      pushes,
      ...(job.moved ? { moved: true } : {}),
      ...(job.movedFrom ? { movedFrom: job.movedFrom } : {}),
    },
    settings,
  );
  log.info({ marked: stale.marked, requests: stale.requests }, 'marked to evaluate again');
  return stale;
}

async function signoffStep(
  target: JobTarget,
  settings: SignoffSettings,
  review: { headSha: string; result: ReviewRunResult } | undefined,
  job: JobDescriptor,
  pushes: PushRecord[],
  log: Logger,
): Promise<SignoffOutcome> {
  const result = await guardedSignoff(
    {
      ...target,
      ...(review ? { review: { headSha: review.headSha, result: review.result } } : {}),
      pushes,
      ...(job.recheck ? { recheck: true } : {}),
    },
    settings,
    log,
  );
  // The audit trail of who pushed: the heads and pushers this evaluation recorded (GitHub keeps
  // them in the check runs too, but an admin asking "who pushed what, when" reads the log).
  log.info(
    {
      result: result.kind,
      requests: result.requests,
      ...(pushes.length > 0
        ? { heads: pushes.map((p) => p.headSha.slice(0, 7)), pushers: pushes.map((p) => p.push.by) }
        : {}),
    },
    'sign-off evaluated',
  );
  return signoffOutcome(result);
}

/** A merge-group job: it throws what the queue should retry (merge-group-job.ts). */
function runMergeGroupJob(job: JobDescriptor, octokit: Octokit, settings: JobSettings) {
  if (!job.mergeGroup) throw new Error('a merge-group job without its merge group');
  return runMergeGroup(
    { octokit, owner: job.owner, repo: job.repo, group: job.mergeGroup },
    mergeGroupSettings(settings),
  );
}

function reviewOutcome(result: ReviewRunResult, seconds: number): ReviewOutcome {
  const common = { kind: result.kind, requests: result.requests, seconds };
  switch (result.kind) {
    case 'completed':
      return { ...common, conclusion: result.conclusion };
    case 'superseded':
      return { ...common, by: result.by };
    case 'failed':
      return { ...common, reason: result.reason };
    case 'already-reviewed':
      return common;
  }
}

function signoffOutcome(result: SignoffRunResult): SignoffOutcome {
  const common = { kind: result.kind, requests: result.requests };
  switch (result.kind) {
    case 'evaluated':
      return {
        ...common,
        state: result.decision.state,
        ...(result.reviewOutdated ? { reviewOutdated: { headSha: result.headSha, base: result.base } } : {}),
      };
    case 'failed':
      return { ...common, reason: result.reason };
    default:
      return common;
  }
}
