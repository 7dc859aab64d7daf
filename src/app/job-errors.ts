/**
 * What a job's errors mean for it: what the check says of one (`explain`), whether the queue should
 * run the job again soon, whether GitHub refused a write for want of a permission.
 */
import { GitHubError } from '../adapters/github/client.js';
import { foreignText } from '../core/inert-text.js';
import { SuccessNotWithdrawn } from './merge-group-withdraw.js';

/** GitHub refused the write: the token lacks the permission (a fork's read-only token, in the Action). */
export function isRefused(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'permission-denied';
}

/**
 * GitHub did not answer (a 5xx after Octokit's retries, a dropped connection), did not know the head
 * or its files yet (a push it has not indexed: `commit-unknown`, `object-unavailable`), listed the pull
 * request's changed files against a base commit it has not caught up with (`changed-files-unlisted`:
 * the base branch just moved), or refused the
 * installation token (401: it expired or was revoked while the review ran — the refusal makes the
 * next attempt ask for a new one, worker-thread.ts), or refused to mint one (401 to the token request:
 * a glitch, or a private key being rotated, may pass): the same review run again a few seconds later
 * may well go through. Credentials that are wrong for good fail every attempt and the log (or the
 * check, once a token comes) then says so. An installation GitHub says is gone or suspended (404, 403
 * to the token request) stays so until someone acts: not retried. A rate limit asks for minutes:
 * `worthRetryingLater`.
 */
export function worthRetryingSoon(error: unknown): boolean {
  if (!(error instanceof GitHubError)) return false;
  const failure = error.failure;
  switch (failure.kind) {
    case 'server-error':
    case 'network':
    case 'commit-unknown':
    case 'object-unavailable':
    case 'changed-files-unlisted':
    case 'unauthorized':
      return true;
    case 'token-refused':
      return !tokenRefusedForGood(error);
    default:
      return false;
  }
}

/**
 * GitHub refused the token the request needed (any status): every request of the installation made
 * with it — a check's failure written — is refused alike, until a token is granted.
 */
export function tokenRefused(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'token-refused';
}

/**
 * GitHub refused the installation's token for good (403: suspended, 404: not installed): every request
 * of the installation fails alike until someone acts on it, so no job of it is run again (queue.ts) —
 * an attempt would ask for a token GitHub refuses, and do nothing else.
 */
export function tokenRefusedForGood(error: unknown): boolean {
  if (!(error instanceof GitHubError)) return false;
  const failure = error.failure;
  return failure.kind === 'token-refused' && failure.status !== 401;
}

/**
 * GitHub refused for a while (`worthRetryingSoon`, or a rate limit longer than a job waits:
 * rate-limit-bound.ts): the queue runs the job again — no sooner than the rate limit asked (queue.ts
 * `retryDelay`). A review so refused (a read, its comments) is written then, not failed asking a
 * person to re-run; a write of a job's failure so refused leaves nothing on GitHub saying the job
 * failed, and its check is written once GitHub takes writes again, never left `in_progress` or
 * missing for good.
 */
export function worthRetryingLater(error: unknown): boolean {
  return worthRetryingSoon(error) || (error instanceof GitHubError && error.failure.kind === 'rate-limited');
}

/**
 * GitHub rate-limited a write of the review's own check (its start, its verdict): the failure could
 * not be written either while the limit holds, so the job goes to the queue, which runs it again once
 * the limit has lifted (its `cause` says when: retry-wait.ts) — the review is written then.
 */
export class CheckNotWritten extends Error {
  override readonly name = 'CheckNotWritten';
  constructor(cause: GitHubError) {
    super(cause.message, { cause });
  }
}

/** The review's check as the app's queue runs it: a rate-limited write throws `CheckNotWritten`. */
export function queuedWhenRateLimited<
  C extends { start(summary: string): Promise<void>; complete(output: never): Promise<void> },
>(check: C): C {
  const limited = (error: unknown): never => {
    throw error instanceof GitHubError && error.failure.kind === 'rate-limited'
      ? new CheckNotWritten(error)
      : error;
  };
  const start = check.start.bind(check);
  const complete = check.complete.bind(check);
  check.start = (summary) => start(summary).catch(limited);
  check.complete = ((output: never) => complete(output).catch(limited)) as C['complete'];
  return check;
}

/**
 * Thrown when the check could not be told why the review failed: the job boundary tries again
 * with both reasons, so the original one is not lost behind the failed write.
 */
export class FailureNotReported extends Error {
  override readonly name = 'FailureNotReported';
  constructor(
    readonly reason: string,
    readonly writeError: unknown,
  ) {
    // The cause: a rate limit that refused the write says how long the queue must wait (retry-wait.ts).
    super(reason, { cause: writeError });
  }
}

/**
 * The reason a check gives for an error: the app's own wording of it (GitHub's failures, a success not
 * withdrawn, a failure not reported), else the error's name and first line — never a stack. That
 * line is another program's words, which quote what it failed on (a path, a branch, a value): one
 * code span when it holds a backtick (`foreignText`).
 */
export function explain(error: unknown): string {
  if (error instanceof FailureNotReported) {
    const write = explain(error.writeError);
    // The same words twice (a token refused to the job and to its write alike) say nothing more.
    if (write === error.reason) return error.reason;
    return `${error.reason}\n\n(Writing that to this check failed at first: ${write})`;
  }
  if (error instanceof GitHubError || error instanceof SuccessNotWithdrawn) return error.message;
  const e = error as { name?: unknown; message?: unknown } | null;
  const detail = typeof e?.message === 'string' ? e.message.split('\n')[0] : String(error);
  return `An internal error stopped the review (${typeof e?.name === 'string' ? e.name : 'Error'}: ${foreignText(detail ?? '')}).`;
}
