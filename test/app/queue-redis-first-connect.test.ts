/**
 * BullMQ asks Redis its version when the queue first connects, and keeps that answer's failure for good:
 * a Redis that stalled past the producer's command timeout just then left a replica refusing every
 * request for the rest of its life ("Command timed out" on each add), while `/readyz` said ready.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { job, Recorder, waitUntil } from './support/queue-contract.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(closing.map((close) => close()));
});

describe('a Redis that stalls as the queue first connects', () => {
  it('takes the requests it gets once Redis answers again', { timeout: 60_000 }, async () => {
    const proxy = await new TcpProxy({ host: '127.0.0.1', port: redis().port }).start();
    closing.push(() => proxy.stop());
    // Each connection's first `INFO` is its client's ready check; a second one is BullMQ's version
    // check. Held past the command timeout, it fails on the producer's connection.
    proxy.holdReply(/redis_version:/, 2, 3_000);
    const recorder = new Recorder();
    const queue = new RedisQueue(recorder, {
      url: proxy.url,
      prefix: `test-${randomUUID()}`,
      concurrency: 1,
      commandTimeoutMs: 1_000,
      pollMs: 100,
      stalledIntervalMs: 500,
    });
    closing.unshift(() => queue.close(100));

    // A request may be refused while Redis stalls; once it answers again one must be taken, and run.
    const deadline = Date.now() + 20_000;
    let pr = 0;
    let answer: string;
    do {
      pr += 1;
      answer = await queue.enqueue(job(pr, 'a')).catch((error: Error) => error.message);
      if (answer !== 'queued') await new Promise((resolve) => setTimeout(resolve, 250));
    } while (answer !== 'queued' && Date.now() < deadline);
    expect(answer).toBe('queued');
    await waitUntil(() => recorder.started(`${pr}@a`), 'the request taken runs', 20_000);
    recorder.release(`${pr}@a`);
    await waitUntil(() => recorder.results.has(`${pr}@a`), 'the request taken is done', 20_000);
    expect(recorder.results.get(`${pr}@a`)).toEqual([{ kind: 'done', outcome: {} }]);
  });
});
