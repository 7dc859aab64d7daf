/**
 * Writing a sign-off verdict on a check run: retried while GitHub may take it later, and a job
 * failure (VerdictNotWritten) when it does not, so the queue evaluates again. Shared by every job
 * that writes the sign-off check: the sign-off itself, a PR leaving its base, stale-check marking,
 * merge groups.
 */
import type { GitHubClient } from '../adapters/github/client.js';
import { isRetriableInJob } from '../adapters/github/client.js';
import type { CheckOutput } from '../adapters/github/check-run.js';
import type { CheckRun } from '../adapters/github/check-run.js';
import { PullRequestCheckRun } from './merge-group-withdraw.js';
import type { RetryPolicy } from './queue.js';
import { backoffDelay } from './queue.js';
import { explain } from './job-errors.js';
import { quoted } from '../core/inert-text.js';

/** How often a verdict write is tried within one evaluation before the queue retries the job. */
const VERDICT_WRITES: RetryPolicy = { attempts: 5, backoffMs: 2_000 };

/**
 * A verdict GitHub did not take. The job fails with it, so the queue evaluates again with backoff:
 * a check left at an old `success` that no longer holds must not stand (invariant 12).
 */
export class VerdictNotWritten extends Error {
  override readonly name = 'VerdictNotWritten';
  constructor(
    readonly checkName: string,
    readonly headSha: string,
    /** The conclusion the check still shows (null: none yet, or not completed). */
    readonly standing: string | null,
    readonly wanted: string,
    readonly reason: string,
    /** What GitHub answered: a rate limit says how long the queue must wait (retry-wait.ts). */
    cause?: unknown,
  ) {
    super(
      standing === 'success' && wanted !== 'success'
        ? `${quoted(checkName)} on ${headSha.slice(0, 7)} still shows success, which no longer holds (now ${wanted}), and GitHub refused to withdraw it: ${reason} The app keeps trying; until it succeeds, do not merge on that check.`
        : `${quoted(checkName)} on ${headSha.slice(0, 7)} could not be written (${wanted}): ${reason}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/**
 * A pull request's check of this app, written as the sign-off writes its verdict: a success it
 * replaces leaves the merge groups that passed on it first (merge-group-withdraw.ts, `hold`: a
 * success not withdrawn keeps the new verdict off), each group's verdict written with retries.
 */
export function signoffCheckRun(
  client: GitHubClient,
  name: string,
  pr: { number: number; baseRef: string; headSha: string },
  appId: number,
  sleep?: (ms: number) => Promise<void>,
): PullRequestCheckRun {
  return new PullRequestCheckRun(
    client,
    name,
    pr.headSha,
    appId,
    { number: pr.number, baseRef: pr.baseRef },
    'hold',
    (groupCheck, verdict) => writeVerdict(groupCheck, verdict, 'success', sleep),
  );
}

/**
 * Writes the verdict, retrying what may pass a few seconds later (a 5xx, a brief rate limit) with
 * backoff. A rate limit asking for longer goes to the queue at once (`VerdictNotWritten`, whose cause
 * says how long to wait): five tries inside an hour-long limit would hold the lane for nothing.
 */
export async function writeVerdict(
  check: CheckRun,
  output: CheckOutput,
  standing: string | null,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await check.complete(output);
      return;
    } catch (error) {
      if (!isRetriableInJob(error) || attempt >= VERDICT_WRITES.attempts)
        throw new VerdictNotWritten(
          check.name,
          check.headSha,
          standing,
          output.conclusion,
          explain(error),
          error,
        );
      await sleep(backoffDelay(VERDICT_WRITES, attempt));
    }
  }
}
