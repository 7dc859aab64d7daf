/**
 * How long a rate limit may be waited out inside a job. A job holds its pull request's lane (and, with
 * Redis, a lease it renews) for as long as it runs: a wait of minutes inside it — a primary limit's
 * reset is up to an hour away, a secondary limit asks for a minute or more — blocks every other job
 * of that pull request and a worker all that time, and a job past its budget is stopped for it. A
 * limit asking for longer fails the request, typed (`rate-limited`), and the app's queue runs the job
 * again no sooner than the limit asked (retry-wait.ts). Only a brief limit — a secondary limit's
 * `retry-after` of a few seconds, a reset a moment away — is waited in the job, once.
 */
import type { ProbotOctokit } from 'probot';

export const SHORT_RATE_LIMIT_WAIT_SECONDS = 10;

/**
 * The wait for work outside any job — the scans for work a lost queue left unfinished, for deliveries
 * that failed: no lane or worker waits on them, and a repository skipped for a rate limit is work
 * lost until the next scan. GitHub's own ask for a secondary limit (a minute) is waited out there.
 */
export const BACKGROUND_RATE_LIMIT_WAIT_SECONDS = 60;

/** Client options for such work: the background wait, unless the caller's options say otherwise. */
export function backgroundClient<O extends { maxRateLimitWaitSeconds?: number }>(options: O | undefined): O {
  return { maxRateLimitWaitSeconds: BACKGROUND_RATE_LIMIT_WAIT_SECONDS, ...options } as O;
}

/**
 * Whether a rate limit's wait is one to sit out inside the job (`SHORT_RATE_LIMIT_WAIT_SECONDS`). A
 * limit naming no wait is not: GitHub asks for at least a minute then.
 *
 * Decided by the wait's length, not the limit's kind. A primary limit whose reset is seconds away is
 * waited out in the job like a brief secondary one: the reset restores the installation's whole
 * budget, so the one retry goes through, where the queue would run the whole job again (every read
 * anew) for the same few seconds. The wait is the same bound whichever kind asks for it, and the
 * retry is one: a local clock ahead of GitHub's (the reset is GitHub's time) makes the retry come
 * early and be refused again, and the limit is then handed back, typed.
 */
export function isBriefWait(retryAfterSeconds: number | undefined): boolean {
  return retryAfterSeconds !== undefined && retryAfterSeconds <= SHORT_RATE_LIMIT_WAIT_SECONDS;
}

/**
 * Octokit's throttling options for the app's clients, in place of Probot's, which retry a primary
 * limit twice however long its reset is (an hour, hidden inside one request). Here the plugin retries
 * a brief limit once, and hands back anything longer at once: the error reaches `GitHubClient`, whose
 * typed failure sends the job to the queue.
 */
export function briefRetriesOnly(
  retryAfterSeconds: number,
  _options: unknown,
  _octokit: unknown,
  retryCount: number,
): boolean {
  return retryCount === 0 && isBriefWait(retryAfterSeconds);
}

/**
 * Probot's octokit with `briefRetriesOnly` for both kinds of rate limit. A function of the options
 * Probot builds (a plain `throttle` default would be overwritten by Probot's own); every installation
 * client Probot makes inherits the handlers.
 */
export function withBriefRateLimitRetries(Octokit: typeof ProbotOctokit): typeof ProbotOctokit {
  return Octokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: {
      ...(options.throttle as object | undefined),
      onRateLimit: briefRetriesOnly,
      onSecondaryRateLimit: briefRetriesOnly,
    },
  }));
}
