/**
 * Replicas whose clocks disagree. BullMQ dates a delayed job by the clock of the replica that delays
 * it, and the replica that fetches jobs promotes every delayed job its own clock says is due: a replica
 * whose clock runs minutes ahead would run a job GitHub asked to wait (a rate limit's `retry-after`)
 * at once, spending its attempts inside the limit — and the job given up would then be refused the
 * very writes that say so. A job's wait is measured in Redis's clock, the one clock replicas share.
 * (Leases and takeovers need no such care: Redis keeps their time, as key expiries.)
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobDescriptor, JobOutcome } from '../../src/app/jobs.js';
import type { JobHandlers } from '../../src/app/queue.js';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { job, Recorder, waitUntil } from './support/queue-contract.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
const open: RedisQueue[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((q) => q.close(100)));
});

function replica(handlers: JobHandlers, prefix: string): RedisQueue {
  const queue = new RedisQueue(handlers, {
    url: redis().url,
    prefix,
    concurrency: 1,
    pollMs: 50,
    stalledIntervalMs: 500,
    retry: { attempts: 3, backoffMs: 10 },
  });
  open.push(queue);
  return queue;
}

/** This process's clock, from now on, `ms` ahead of the time (as a replica's with a drifting clock). */
function clockAhead(ms: number): void {
  const now = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => now() + ms);
}

/** A recorder that notes when (on the monotonic clock, which no wall clock moves) each run starts. */
class TimedRecorder extends Recorder {
  readonly startedAt: number[] = [];
  failedAt: number | undefined;

  override async run(j: JobDescriptor, signal: AbortSignal): Promise<JobOutcome> {
    this.startedAt.push(performance.now());
    return super.run(j, signal);
  }

  override retrying(j: JobDescriptor): void {
    this.failedAt = performance.now();
    super.retrying(j);
  }
}

describe('a replica whose clock is 2 minutes ahead', () => {
  it('runs a job GitHub asked to wait no sooner than it asked', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new TimedRecorder();
    const waitMs = 1_500;
    // The first run is refused by a rate limit asking for 1.5 s (as an error from a worker thread
    // carries it); the second succeeds.
    recorder.throwing.set('1@a', Object.assign(new Error('rate-limited'), { waitAskedForMs: waitMs }));
    const first = replica(recorder, prefix);
    await first.enqueue(job(1, 'a'));
    await waitUntil(() => recorder.failedAt !== undefined, 'the first run is refused');
    await expect.poll(async () => (await first.stats()).delayed, { timeout: 10_000 }).toBe(1);
    recorder.throwing.delete('1@a');
    recorder.release('1@a');

    // A replica with a clock 2 minutes ahead starts, and fetches jobs.
    clockAhead(120_000);
    replica(recorder, prefix);
    await waitUntil(() => recorder.results.has('1@a'), 'the job ran again');

    expect(recorder.startedAt).toHaveLength(2);
    expect(recorder.startedAt[1]! - recorder.failedAt!).toBeGreaterThanOrEqual(waitMs);
  });
});
