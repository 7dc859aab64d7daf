/**
 * The queue's next attempt of a job that met a rate limit comes no sooner than GitHub asked — the
 * primary limit's reset, a secondary limit's `retry-after` — bounded, also when the limit reached the
 * queue inside a verdict or a failure not written, or from a worker thread.
 */
import { describe, expect, it } from 'vitest';
import { GitHubError } from '../../src/adapters/github/client.js';
import { retryDelay } from '../../src/app/queue.js';
import { LONGEST_WAIT_MS } from '../../src/app/retry-wait.js';
import { VerdictNotWritten } from '../../src/app/verdict-writing.js';
import { FailureNotReported } from '../../src/app/job-errors.js';

const policy = { attempts: 4, backoffMs: 2_000 };
const limited = (seconds: number | undefined) =>
  new GitHubError({
    kind: 'rate-limited',
    request: 'PATCH /repos/acme/shop/check-runs/1',
    retryAfterSeconds: seconds,
  });

describe('the delay before the next attempt of a job that met a rate limit', () => {
  it('is the wait GitHub asked for when that is longer than the backoff', () => {
    expect(retryDelay(policy, 1, limited(1_800), () => 0.5)).toBe(1_800_000);
  });

  it('is a minute when GitHub named no wait', () => {
    expect(retryDelay(policy, 1, limited(undefined), () => 0.5)).toBe(60_000);
  });

  it('is bounded', () => {
    expect(retryDelay(policy, 1, limited(10 * 86_400), () => 0.5)).toBe(LONGEST_WAIT_MS);
  });

  it('honours a limit that refused a sign-off verdict, or the write of a failure', () => {
    const verdict = new VerdictNotWritten(
      'Blueprint sign-off: main',
      'a'.repeat(40),
      'success',
      'failure',
      'limited',
      limited(900),
    );
    expect(retryDelay(policy, 1, verdict, () => 0.5)).toBe(900_000);
    expect(retryDelay(policy, 2, new FailureNotReported('why', limited(600)), () => 0.5)).toBe(600_000);
  });

  it('honours the wait an error from a worker thread carries', () => {
    const revived = Object.assign(new Error('limited'), { waitAskedForMs: 120_000 });
    expect(retryDelay(policy, 1, revived, () => 0.5)).toBe(120_000);
  });

  it('is the backoff for any other error', () => {
    expect(retryDelay(policy, 1, new Error('boom'), () => 0.5)).toBe(1_500);
  });
});
