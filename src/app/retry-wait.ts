/**
 * How long GitHub asked the app to wait before a job that threw may succeed: a rate limit asks for
 * its reset (`x-ratelimit-reset`, the primary limit) or `retry-after` (a secondary limit). The queue
 * runs such a job again no sooner (queue.ts `retryDelay`): its backoff of seconds would spend every
 * attempt inside the limit, and the job given up would then be refused the very writes that say so —
 * the check left `in_progress`, or never created, for good.
 */
import { GitHubError } from '../adapters/github/client.js';

/**
 * The longest wait honoured: the primary limit's window is an hour, and a secondary limit asks for
 * minutes. A longer ask (a clock far off, a proxy's header) is waited this long, then the job runs.
 */
export const LONGEST_WAIT_MS = 61 * 60_000;

/** GitHub's ask when a rate limit names no wait (its docs: wait at least a minute). */
const UNSAID_WAIT_MS = 60_000;

/**
 * The wait (ms) a rate limit asked for, anywhere in the error's `cause` chain (a verdict or a failure
 * not written keeps the error that refused it), bounded by `LONGEST_WAIT_MS`; 0 when none did. An
 * error that crossed from a worker thread carries it as `waitAskedForMs` (thread-protocol.ts).
 */
export function waitAskedFor(error: unknown): number {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const ms = ownWait(e);
    if (ms > 0) return Math.min(ms, LONGEST_WAIT_MS);
  }
  return 0;
}

function ownWait(error: object): number {
  if (error instanceof GitHubError)
    return error.failure.kind === 'rate-limited'
      ? (error.failure.retryAfterSeconds ?? UNSAID_WAIT_MS / 1000) * 1000
      : 0;
  const carried = (error as { waitAskedForMs?: unknown }).waitAskedForMs;
  return typeof carried === 'number' && Number.isFinite(carried) ? Math.max(0, carried) : 0;
}
