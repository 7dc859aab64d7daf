/**
 * Redis emptied while a job runs (FLUSHALL, or Redis restarted without persistence): every queued job,
 * lane and de-duplication key is gone. The replica's check that Redis kept the queue notices it and
 * asks for the recovery scan (which finds the open pull requests again on GitHub, recovery.ts); the
 * job that was running ends without taking the worker down, and the queue takes new jobs as before.
 * A real Redis of this file's own: it is flushed.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { job, Recorder } from './support/queue-contract.js';
import { useRedis } from './support/use-redis.js';

const open: RedisQueue[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close(100)));
});

describe('Redis emptied while a job runs', () => {
  const server = useRedis();

  it('is noticed, the scan asked for again, and the queue goes on taking jobs', async () => {
    const recorder = new Recorder();
    const scans = { asked: 0 };
    const queue = new RedisQueue(recorder, {
      url: server().url,
      prefix: `test-${randomUUID()}`,
      concurrency: 2,
      pollMs: 100,
      stalledIntervalMs: 500,
      lossCheckMs: 100,
      onEmpty: () => void scans.asked++,
    });
    open.push(queue);
    // A new Redis holds no queue: the first check asks for the scan.
    await expect.poll(() => scans.asked, { timeout: 10_000 }).toBe(1);
    await queue.enqueue(job(1, 'a1'));
    await expect.poll(() => recorder.started('1@a1'), { timeout: 10_000 }).toBe(true);

    const admin = new Redis(server().url);
    try {
      await admin.flushall();
    } finally {
      admin.disconnect();
    }
    await expect.poll(() => scans.asked, { timeout: 10_000 }).toBe(2);

    // The job running meanwhile ends; its lane and lock are gone with the rest, and nothing breaks.
    await expect.poll(() => recorder.leases.get('1@a1')!.held(), { timeout: 10_000 }).toBe(false);
    recorder.release('1@a1');
    recorder.release('2@b1');
    expect(await queue.enqueue(job(2, 'b1'))).toBe('queued');
    await expect.poll(() => recorder.results.get('2@b1')?.[0]?.kind, { timeout: 10_000 }).toBe('done');
    expect(await queue.ready()).toEqual({ ready: true });
    // The job that ran through the flush lost its lease with its lane: it writes nothing more (the
    // scan queues its pull request again), so it cannot overwrite what the new job writes.
    expect(recorder.leases.get('1@a1')!.held()).toBe(false);
    expect(recorder.results.get('1@a1')).toBeUndefined();
  }, 40_000);
});
