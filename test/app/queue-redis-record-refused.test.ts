/**
 * A job given up on Redis is recorded given up in its data before its first marks are tried
 * (queue-redis-give-up.ts `givenUpInData`): a takeover while they are written then writes them rather
 * than run the job again. When Redis refuses that record too, and then refuses to put off the marks
 * GitHub refused (`MarksNotDeferred`), nothing in Redis says the job was given up: the takeover runs
 * it once more. Running it again writes what a redelivery would (its check adopted, no second
 * review); given up again, its marks are tried again as a first try. Pinned here: once more only,
 * its marks with why, reported failed once.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { job, Recorder, waitUntil } from './support/queue-contract.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();

it('runs a job given up once more when Redis refused its record and its put-off marks: once, marked, failed once', async () => {
  const recorder = new Recorder();
  const queue = new RedisQueue(recorder, {
    url: redis().url,
    prefix: `test-${randomUUID()}`,
    concurrency: 1,
    retry: { attempts: 1, backoffMs: 20 },
    lockMs: 1_000,
    pollMs: 100,
    stalledIntervalMs: 300,
    putOffWaitsMs: [50, 50],
  });
  const admin = new Redis(redis().url);
  recorder.failing.add('1@a');
  recorder.marksRefused = 1;
  // Redis takes no writes (out of memory) from the job's first run until well past its lock: the
  // record of the give-up, then putting off the marks GitHub refused, are refused.
  const run = recorder.run.bind(recorder);
  let restored: Promise<unknown> | undefined;
  recorder.run = async (...args) => {
    if (!restored) {
      await admin.config('SET', 'maxmemory', '1');
      restored = new Promise((resolve) => setTimeout(resolve, 3_000)).then(() =>
        admin.config('SET', 'maxmemory', '0'),
      );
    }
    return run(...args);
  };
  try {
    await queue.enqueue(job(1, 'a'));
    await waitUntil(() => recorder.results.has('1@a'), 'the job is given up for good', 30_000);
    await restored;
    await queue.idle();
  } finally {
    await queue.close(1_000);
    admin.disconnect();
  }
  expect(recorder.count('start 1@a')).toBe(2);
  // Each give-up marks the checks with why, as a first try (the since of the refused one was not kept).
  expect(recorder.givenUp).toEqual([
    expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
    expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
  ]);
  expect(recorder.markings).toEqual([{ last: false }, { last: false }]);
  expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
}, 60_000);
