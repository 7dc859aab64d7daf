/**
 * The top-level boundary of each job the app runs (a review, a sign-off evaluation): whatever the
 * job throws — a bug, a failed check write, a GitHub answer nobody expected — ends as that job's
 * check marked failed with the reason, and a settled result, never as a rejection that reaches the
 * process. Three kinds of error reach the queue, which retries the job with backoff (no sooner than a
 * rate limit asked): a sign-off verdict GitHub would not take (a success that no longer holds must be
 * withdrawn, not left standing); in the app, a review GitHub did not answer (it is run again rather
 * than lost; once the queue gives up, its check is marked failed with the reason); and a
 * failure that could not be written for the same reasons (no check may stay `in_progress`, or be
 * missing, for good). Any queue (in-process, or Redis-backed) only has to run the guarded function.
 * As a last line, `installProcessGuards` keeps the server process alive when something escapes all of
 * that (an error in a detached callback): it is logged, every other review goes on.
 */
import { loggedError, logText } from './log-text.js';
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient, GitHubError, isTransient } from '../adapters/github/client.js';
import type { CheckOutput } from '../adapters/github/check-run.js';
import { CheckRun, completedAfter, PushesNotRecorded } from '../adapters/github/check-run.js';
import type { ReviewRunResult, ReviewSettings, ReviewTarget } from './review-job.js';
import {
  CheckNotWritten,
  explain,
  FailureNotReported,
  tokenRefused,
  worthRetryingLater,
} from './job-errors.js';
import { runReview } from './review-job.js';
import { failureOutput } from './review-outputs.js';
import type { SignoffRunResult, SignoffSettings, SignoffTarget } from './signoff-job.js';
import { EvaluationRefused, NotEvaluated, runSignoff } from './signoff-job.js';
import { failureOutput as signoffFailureOutput } from './signoff-verdict.js';
import { VerdictNotWritten } from './verdict-writing.js';
import { checkNameFor } from './check-name.js';
import { getPullRequest } from '../adapters/github/pull-request.js';
import { markdownParagraphs } from '../core/inert-text.js';
import { PullRequestCheckRun, SuccessNotWithdrawn } from './merge-group-withdraw.js';

export interface JobLog {
  error(details: object, message: string): void;
}

interface Guarded<R> {
  /** For the log: e.g. `review of acme/shop#7`. */
  name: string;
  run(): Promise<R>;
  /** Where the failure is written on GitHub, when the job's head is known. */
  check?: {
    octokit: Octokit;
    owner: string;
    repo: string;
    name: string;
    headSha: string;
    /** This app's id (undefined for the Action, whose runs belong to GitHub Actions). */
    appId: (() => Promise<number>) | undefined;
    output(reason: string): CheckOutput;
    /** The pull request whose check it is (and whether a re-run wrote it): a success it replaces leaves its merge groups too. */
    pullRequest?: { number: number; baseRef: string; rerun: boolean };
    /** The job's client options (its waits: a rate limit's, rate-limit-bound.ts). */
    client?: ClientOptions;
    /** On a later try of a give-up's marks: GitHub's time of the first try (queue-give-up.ts). */
    since?: string;
  };
  failed(reason: string): R;
  /**
   * Errors the queue should retry (with its backoff) instead of settling: a verdict GitHub refused to
   * take must be written again, not forgotten. They are logged as errors first.
   */
  retried?(error: unknown): boolean;
  /**
   * Errors of the failure's write that the queue should retry the job for (GitHub rate-limited the
   * write, or did not answer it): nothing on GitHub says the job failed, so settling it would leave its
   * check `in_progress` — or none at all — for good. The job runs again, and writes its check then.
   */
  retriedUnreported?(writeError: unknown): boolean;
  log: JobLog;
}

/** Runs `job.run`; if it throws, marks the job's check failed (best effort) and returns `failed`. */
export async function guarded<R>(job: Guarded<R>): Promise<R> {
  try {
    return await job.run();
  } catch (error) {
    const reason = explain(error);
    job.log.error({ err: loggedError(error), job: job.name }, `${job.name} failed: ${logText(reason)}`);
    if (job.retried?.(error)) throw error;
    if (job.check) {
      try {
        await markFailed(job.check, reason);
      } catch (writeError) {
        job.log.error(
          { err: loggedError(writeError), job: job.name },
          `${job.name}: could not mark its check failed`,
        );
        if (job.retriedUnreported?.(writeError)) throw new FailureNotReported(reason, writeError);
      }
    }
    return job.failed(reason);
  }
}

async function markFailed(check: NonNullable<Guarded<unknown>['check']>, reason: string): Promise<void> {
  const client = new GitHubClient(check.octokit, check.owner, check.repo, check.client);
  // Only this app's own run is ever adopted (another app's run of the same name is not ours to write).
  const appId = check.appId ? await check.appId() : undefined;
  // The failure is written even when a success on merge groups could not be withdrawn (then thrown).
  const newRun = () =>
    check.pullRequest && appId !== undefined
      ? new PullRequestCheckRun(client, check.name, check.headSha, appId, check.pullRequest, 'write')
      : new CheckRun(client, check.name, check.headSha, appId);
  const run = newRun();
  // GitHub not answering the look (the fault that may have ended the job) must not leave nothing
  // said: a new run with the failure is written, and the newest run of a name is the one that counts.
  // Not under a rate limit: the write would be refused too, or — the limit lifting meanwhile — a new
  // run would hide a verdict the job did write. The caller's queue marks it once the limit lifts.
  // Nor when GitHub refused the installation's token: every write would be refused alike.
  const existing = await run.findExisting().catch((error: unknown) => {
    if (isRateLimited(error) || tokenRefused(error)) throw error;
    return undefined;
  });
  // Never overwrite a verdict the job managed to write; a run still in progress is this job's. A
  // re-run's success may predate it (its run could not be started: a config change's review again),
  // and is what it was asked to replace: left, it would stand under the old config. Fail closed. One
  // GitHub completed after the give-up's first try is a newer job's, though: it stays.
  const replaced =
    check.pullRequest?.rerun === true &&
    existing?.conclusion === 'success' &&
    !completedAfter(existing, check.since);
  if (existing?.status === 'completed' && !replaced) return;
  if (!existing) return run.complete(check.output(reason));
  run.adopt(existing.id);
  try {
    await run.complete(check.output(reason));
  } catch (error) {
    // GitHub answering a server error to every write of that run (the completion that failed the
    // job was one) would leave it `in_progress` for good: a new run says why, and the newest run of
    // a name is the one that counts. A rate limit refuses the new run's write too: the caller's.
    if (!isTransient(error) || isRateLimited(error)) throw error;
    await newRun().complete(check.output(reason));
  }
}

function isRateLimited(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'rate-limited';
}

/** The review job as every queue runs it: it settles, and its check never stays `in_progress`. */
export function guardedReview(
  target: ReviewTarget,
  settings: ReviewSettings,
  signal: AbortSignal,
  log: JobLog,
): Promise<ReviewRunResult> {
  const { octokit, owner, repo, pullNumber, headSha } = target;
  return guarded({
    name: `review of ${owner}/${repo}#${pullNumber} at ${headSha.slice(0, 7)}`,
    run: () => runReview(target, settings, signal),
    check: {
      octokit,
      owner,
      repo,
      headSha,
      name: checkNameFor(settings.checkName, target.base),
      appId: settings.appId,
      output: failureOutput,
      pullRequest: { number: pullNumber, baseRef: target.base, rerun: target.force },
      ...(settings.client ? { client: settings.client } : {}),
    },
    failed: (reason) => ({ kind: 'failed', requests: 0, reason }),
    // GitHub did not answer, or rate-limited the review: the queue runs it again (its check stays in
    // progress meanwhile). A success left on merge groups must be withdrawn before the review's
    // failure is written.
    retried: (error) =>
      error instanceof SuccessNotWithdrawn ||
      error instanceof CheckNotWritten ||
      (settings.retriedByQueue === true && worthRetryingLater(error)),
    retriedUnreported: (writeError) => settings.retriedByQueue === true && worthRetryingLater(writeError),
    log,
  });
}

/**
 * A review the queue gave up without running it (see `JobHandlers.abandoned`): its check is marked
 * failed with the reason (or `output`, when the job has words of its own: a budget stop), unless the
 * review managed to write its verdict — or, on a later try of the marks, a newer job wrote one after
 * `since` (queue-give-up.ts).
 */
export async function abandonReview(
  target: Pick<ReviewTarget, 'octokit' | 'owner' | 'repo' | 'pullNumber' | 'headSha' | 'base' | 'force'>,
  settings: Pick<ReviewSettings, 'checkName' | 'appId' | 'client'>,
  reason: string,
  output?: CheckOutput,
  since?: string,
): Promise<void> {
  const { octokit, owner, repo, headSha, base } = target;
  await markFailed(
    {
      octokit,
      owner,
      repo,
      headSha,
      name: checkNameFor(settings.checkName, base),
      appId: settings.appId,
      output: output ? () => output : failureOutput,
      pullRequest: { number: target.pullNumber, baseRef: base, rerun: target.force },
      ...(settings.client ? { client: settings.client } : {}),
      ...(since !== undefined ? { since } : {}),
    },
    reason,
  );
}

/**
 * A job that evaluates the sign-off (a sign-off job, or a review, which ends with one) given up: no
 * sign-off verdict may stand meanwhile, since a success written before the event that asked for this
 * evaluation may no longer hold (invariant 12). The check named for the base is marked failed, "not
 * evaluated", on the event's head and on the pull request's current head (its base may have changed
 * too) — unless it shows another verdict that does not pass either, which stands with its reasons, or
 * its last verdict GitHub completed after `since` (a later try of the marks: queue-give-up.ts), a
 * newer evaluation's, which stands too. Every mark is tried; the first failure is thrown after the rest.
 */
export async function abandonSignoff(
  target: Omit<ReviewTarget, 'force'>,
  settings: Pick<SignoffSettings, 'checkName' | 'reviewCheckName' | 'appId' | 'client'>,
  reason: string,
  since?: string,
): Promise<void> {
  const client = new GitHubClient(target.octokit, target.owner, target.repo, settings.client);
  const marks = target.base ? [{ headSha: target.headSha, base: target.base }] : [];
  const failures: unknown[] = [];
  try {
    const pr = await getPullRequest(client, target.pullNumber);
    if (pr.state === 'open' && !marks.some((m) => m.headSha === pr.headSha && m.base === pr.baseRef))
      marks.push({ headSha: pr.headSha, base: pr.baseRef });
  } catch (error) {
    failures.push(error);
  }
  const output = notEvaluatedOutput(reason, settings.reviewCheckName);
  for (const { headSha, base } of marks) {
    try {
      const appId = await settings.appId();
      // A success leaves the merge groups that passed on its word too (merge-group-withdraw.ts), also
      // when a newer run hides it; the pull request's own is replaced whether or not that works.
      const name = checkNameFor(settings.checkName, base);
      const pullRequest = { number: target.pullNumber, baseRef: base };
      const check = new PullRequestCheckRun(client, name, headSha, appId, pullRequest, 'write');
      const runs = await check.history();
      const existing = runs[0];
      if (existing?.status === 'completed' && existing.conclusion !== 'success') continue;
      if (
        completedAfter(
          runs.find((run) => run.status === 'completed'),
          since,
        )
      )
        continue;
      if (existing) check.adopt(existing.id);
      await check.complete(output);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

function notEvaluatedOutput(reason: string, reviewCheckName: string): CheckOutput {
  return {
    conclusion: 'failure',
    title: 'Not evaluated — re-run this check',
    summary: `**The sign-off was not evaluated**, so it does not pass: the app gave its evaluation up.\n\n${markdownParagraphs(reason)}\n\n**Re-run** this check (or the ${reviewCheckName} check), push a commit or submit a review to evaluate it again.\n`,
  };
}

/** The sign-off evaluation as every queue runs it. */
export function guardedSignoff(
  target: SignoffTarget,
  settings: SignoffSettings,
  log: JobLog,
): Promise<SignoffRunResult> {
  const { octokit, owner, repo, pullNumber } = target;
  const headSha = target.review?.headSha;
  const base = target.base;
  return guarded({
    name: `sign-off of ${owner}/${repo}#${pullNumber}`,
    run: () => runSignoff(target, settings),
    ...(headSha && base
      ? {
          check: {
            octokit,
            owner,
            repo,
            headSha,
            name: checkNameFor(settings.checkName, base),
            appId: () => settings.appId(),
            output: (reason: string) => signoffFailureOutput(reason, settings.reviewCheckName),
          },
        }
      : {}),
    failed: (reason) => ({ kind: 'failed', requests: 0, ...(headSha ? { headSha } : {}), reason }),
    // A push not recorded is retried too: the queue keeps the trail until the job succeeds. So is
    // an evaluation that could not start: it wrote nothing, and a success may stand meanwhile; and
    // one GitHub refused for a while (its failure written).
    retried: (error) =>
      error instanceof VerdictNotWritten ||
      error instanceof PushesNotRecorded ||
      error instanceof NotEvaluated ||
      error instanceof EvaluationRefused,
    retriedUnreported: worthRetryingLater,
    log,
  });
}

/** What `installProcessGuards` needs of `process` (a fake in tests). */
export interface ProcessEvents {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (error: unknown) => void): unknown;
}

/**
 * Keeps the server serving when an error escapes every job boundary: Node's default is to exit,
 * which loses every queued review and leaves their checks `in_progress` for good. Installed once, by
 * the server entry (never by the app factory, which tests load many times).
 */
export function installProcessGuards(process: ProcessEvents, log: JobLog): void {
  process.on('unhandledRejection', (error) =>
    log.error(
      { err: loggedError(error) },
      `an unhandled rejection escaped a job; the app keeps serving: ${logText(explain(error))}`,
    ),
  );
  process.on('uncaughtException', (error) =>
    log.error(
      { err: loggedError(error) },
      `an uncaught exception escaped a job; the app keeps serving: ${logText(explain(error))}`,
    ),
  );
}
