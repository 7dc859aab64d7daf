/**
 * The BullMQ backend on a real Redis: the queue contract, then what only several replicas show —
 * one job per pull request across replicas, the latest head stopping a review running in another
 * replica, and a job whose worker died taken over by another.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobHandlers, JobQueue, RetryPolicy } from '../../src/app/queue.js';
import { RedisQueue } from '../../src/app/queue-redis.js';
import type { RedisQueueOptions } from '../../src/app/queue-redis.js';
import { job, queueContract, Recorder, waitUntil } from './support/queue-contract.js';
import { giveUpContract } from './support/queue-contract-give-up.js';
import { die as dead } from './support/dead-replica.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedis } from './support/redis-server.js';

let redis: RedisServer;
const open: JobQueue[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close(100)));
});
afterAll(async () => {
  await redis?.stop();
});

function redisQueue(
  handlers: JobHandlers,
  options: Pick<
    RedisQueueOptions,
    'concurrency' | 'retry' | 'prefix' | 'lockMs' | 'pollMs' | 'putOffWaitsMs'
  >,
): RedisQueue {
  const queue = new RedisQueue(handlers, {
    url: redis.url,
    prefix: options.prefix ?? `test-${randomUUID()}`,
    pollMs: 100,
    stalledIntervalMs: 500,
    ...options,
  });
  open.push(queue);
  return queue;
}

/** The replica dies without a word (support/dead-replica.ts), and is not closed after the test. */
function die(queue: RedisQueue): void {
  dead(queue);
  open.splice(open.indexOf(queue), 1);
}

/**
 * Job 1@a (failing) is queued, and its marks are written in the end, though Redis takes no writes
 * (out of memory) for 1.5 s from the end of the first try of them for which `when` holds.
 */
async function marksWrittenThoughRedisFull(queue: RedisQueue, recorder: Recorder, when: () => boolean) {
  const admin = new Redis(redis.url);
  const abandoned = recorder.abandoned.bind(recorder);
  let restored: Promise<unknown> | undefined;
  recorder.abandoned = async (...args) => {
    try {
      return await abandoned(...args);
    } finally {
      if (when() && !restored) {
        await admin.config('SET', 'maxmemory', '1');
        restored = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() =>
          admin.config('SET', 'maxmemory', '0'),
        );
      }
    }
  };
  try {
    await queue.enqueue(job(1, 'a'));
    await waitUntil(() => recorder.results.has('1@a'), 'the marks are written', 30_000);
    await queue.idle();
  } finally {
    await restored;
    admin.disconnect();
  }
}

queueContract('BullMQ on Redis', () => ({
  create: async (handlers, options) => redisQueue(handlers, options),
}));
giveUpContract('BullMQ on Redis', () => ({
  create: async (handlers, options) => redisQueue(handlers, options),
}));

describe('BullMQ on Redis: several replicas', () => {
  it('runs one job of a pull request at a time across replicas', async () => {
    const prefix = `test-${randomUUID()}`;
    const a = new Recorder();
    const b = new Recorder();
    const first = redisQueue(a, { concurrency: 4, prefix });
    const second = redisQueue(b, { concurrency: 4, prefix });
    await first.enqueue(job(1, 'h'));
    await waitUntil(() => a.started('1@h') || b.started('1@h'), 'the review runs in a replica');
    await second.enqueue(job(1, 'h', { kind: 'signoff', force: true }));
    await second.enqueue(job(2, 'x'));
    const [runner, other] = a.started('1@h') ? [a, b] : [b, a];
    await waitUntil(() => a.started('2@x') || b.started('2@x'), 'another pull request runs meanwhile');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(a.started('signoff 1@h') || b.started('signoff 1@h')).toBe(false);
    runner.release('1@h');
    for (const r of [a, b]) for (const n of ['signoff 1@h', '2@x']) r.release(n);
    await first.idle();
    expect(a.count('start signoff 1@h') + b.count('start signoff 1@h')).toBe(1);
    expect(other.count('start 1@h') + runner.count('start 1@h')).toBe(1);
  });

  it('stops a review running in another replica when a newer head arrives', async () => {
    const prefix = `test-${randomUUID()}`;
    const a = new Recorder();
    const b = new Recorder();
    const first = redisQueue(a, { concurrency: 1, prefix });
    const second = redisQueue(b, { concurrency: 1, prefix });
    await first.enqueue(job(1, 'old'));
    await waitUntil(() => a.started('1@old') || b.started('1@old'), 'the old head runs');
    await second.enqueue(job(1, 'new'));
    await waitUntil(
      () => a.log.includes('abort 1@old') || b.log.includes('abort 1@old'),
      'it is told to stop',
    );
    for (const r of [a, b]) for (const n of ['1@old', '1@new']) r.release(n);
    await first.idle();
    expect(a.count('start 1@new') + b.count('start 1@new')).toBe(1);
  });

  it('queues a delivery that reaches two replicas at once (a redelivery racing the original) once', async () => {
    const prefix = `test-${randomUUID()}`;
    const a = new Recorder();
    const b = new Recorder();
    const first = redisQueue(a, { concurrency: 4, prefix });
    const second = redisQueue(b, { concurrency: 4, prefix });
    const deliveries = [1, 2, 3, 4, 5, 6].map((pr) => job(pr, 'h', { push: { by: 'ann', before: null } }));
    for (const d of deliveries) for (const r of [a, b]) r.release(`${d.pullNumber}@h`);
    const answers = await Promise.all(
      deliveries.map((d) => Promise.all([first.enqueue(d), second.enqueue({ ...d })])),
    );
    for (const pair of answers) expect([...pair].sort()).toEqual(['duplicate', 'queued']);
    await first.idle();
    for (const d of deliveries) {
      const name = `${d.pullNumber}@h`;
      expect(a.count(`start ${name}`) + b.count(`start ${name}`)).toBe(1);
      // Its push is recorded once, by the one job.
      expect([...(a.trails.get(name) ?? []), ...(b.trails.get(name) ?? [])]).toEqual([['ann→h']]);
    }
  });

  it('leaves no key of its own without a TTL; the keys BullMQ keeps are its own and finished jobs it trims', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    const queue = redisQueue(recorder, { concurrency: 4, prefix, retry: { attempts: 1, backoffMs: 1 } });
    recorder.failing.add('3@h2');
    for (const pr of [1, 2, 3, 4])
      for (const head of ['h1', 'h2']) {
        const push = job(pr, head, { push: { by: 'ann', before: null } });
        for (const r of [`${pr}@${head}`, `signoff ${pr}@${head}`]) recorder.release(r);
        await queue.enqueue(push);
        await queue.enqueue(push); // redelivered
        await queue.enqueue(job(pr, head, { kind: 'signoff', force: true }));
      }
    await queue.idle();
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${prefix}:*`);
      const finished = new Set([
        ...(await client.zrange(`${prefix}:jobs:completed`, 0, -1)),
        ...(await client.zrange(`${prefix}:jobs:failed`, 0, -1)),
      ]);
      expect(finished.size).toBeGreaterThan(0);
      const bullmq =
        /^jobs:(?:meta|id|events|completed|failed|wait|active|delayed|paused|prioritized|marker|pc|stalled|limiter)$/;
      const lasting: string[] = [];
      for (const key of keys) {
        // Gone since it was listed (-2): BullMQ's stalled-check mark lives half a second here.
        const ttl = await client.pttl(key);
        if (ttl > 0 || ttl === -2) continue;
        const rest = key.slice(prefix.length + 1);
        const jobKey = /^jobs:([^:]+)(?::logs)?$/.exec(rest);
        if (bullmq.test(rest) || (jobKey && finished.has(jobKey[1]!))) continue;
        lasting.push(rest);
      }
      expect(lasting).toEqual([]);
      // And the app's own keys are there, each with its TTL (the test sees what it means to).
      expect(keys.some((k) => k.includes(':delivery:'))).toBe(true);
      expect(keys.some((k) => k.includes(':latest:'))).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('ends the lease of a job it hands back on close: the job may write nothing while the process exits', async () => {
    const recorder = new Recorder();
    // No renewal comes between the hand-back and the check (one would find the lane released).
    const leaving = redisQueue(recorder, { concurrency: 1, pollMs: 60_000 });
    await leaving.enqueue(job(1, 'h'));
    await waitUntil(() => recorder.started('1@h'), 'the job runs');
    expect(recorder.leases.get('1@h')?.held()).toBe(true);
    open.splice(open.indexOf(leaving), 1);
    expect(await leaving.close(100)).toMatchObject([{ pullNumber: 1, headSha: 'h' }]);
    expect(recorder.leases.get('1@h')?.held()).toBe(false);
    recorder.release('1@h');
  });

  it('leaves the marks GitHub refused of a job given up while it closes to another replica, not dropped', async () => {
    const prefix = `test-${randomUUID()}`;
    const retry = { attempts: 1, backoffMs: 20 };
    const leaving = new Recorder();
    let letGo!: () => void;
    leaving.giveUpHeld = new Promise<void>((resolve) => (letGo = resolve));
    leaving.failing.add('1@a');
    leaving.marksRefused = 1;
    const first = redisQueue(leaving, { concurrency: 1, prefix, retry });
    await first.enqueue(job(1, 'a'));
    await waitUntil(() => leaving.givenUp.length === 1, 'the job is being given up');
    // A rolling deploy stops the replica while it marks the job's checks; GitHub refuses the marks.
    open.splice(open.indexOf(first), 1);
    const closing = first.close(5_000);
    letGo();
    await closing;
    expect(leaving.results.has('1@a')).toBe(false);
    // The marks wait in Redis, and the replica that stays writes them.
    const staying = new Recorder();
    const second = redisQueue(staying, { concurrency: 1, prefix, retry });
    await waitUntil(() => staying.results.has('1@a'), 'the other replica marks the job given up');
    expect(staying.givenUp).toEqual([expect.stringMatching(/^1@a: it failed once/)]);
    expect(staying.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
    expect(staying.log).toEqual([]);
    await second.idle();
  });

  it('keeps the marks of a job given up, with their since, when Redis refuses for a moment to put them off', async () => {
    const recorder = new Recorder();
    const queue = redisQueue(recorder, { concurrency: 1, retry: { attempts: 1, backoffMs: 20 } });
    recorder.failing.add('1@a');
    recorder.marksRefused = 1;
    const first = '2026-12-06T17:00:05.000Z';
    recorder.marksAnsweredAt = [first];
    // Redis takes no writes (out of memory) from the moment the first try of the marks is refused
    // until a moment later: the writes that put the marks off (updateData, moveToDelayed) fail.
    await marksWrittenThoughRedisFull(queue, recorder, () => true);
    // The later try is the second, told of the first try's answer: not a first try again, with
    // Redis's refusal for the reason and no since (a verdict a newer job wrote meanwhile replaced).
    expect(recorder.markings).toEqual([{ last: false }, { since: first, last: false }]);
    expect(recorder.givenUp).toEqual([
      expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
      expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
    ]);
    expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
  }, 40_000);

  it('writes the marks of a later try Redis would not put off (MarksNotDeferred) once Redis takes writes again', async () => {
    const recorder = new Recorder();
    // Redis refusing for longer than the put-off's waits (half a minute by default; shortened here).
    const queue = redisQueue(recorder, {
      concurrency: 1,
      retry: { attempts: 1, backoffMs: 20 },
      lockMs: 1_000,
      putOffWaitsMs: [50, 50],
    });
    recorder.failing.add('1@a');
    recorder.marksRefused = 2;
    const first = '2026-12-06T23:00:05.000Z';
    recorder.marksAnsweredAt = [first, '2026-12-06T23:00:09.000Z'];
    // The second try of the marks is refused too, and Redis then takes no writes for a while: its
    // marks cannot be put off for a third try.
    await marksWrittenThoughRedisFull(queue, recorder, () => recorder.markings.length === 2);
    // The try Redis did not put off is made again from what Redis kept (the second), not dropped,
    // and not a first try that would replace a verdict written since the first one's answer.
    expect(recorder.markings).toEqual([
      { last: false },
      { since: first, last: false },
      { since: first, last: false },
    ]);
    expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
    expect(await queue.stats()).toMatchObject({ waiting: 0, running: 0, delayed: 0 });
  }, 40_000);

  it('marks a job whose first marks Redis would not put off with why it was given up: not run again, nor given up as taken over', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    const queue = redisQueue(recorder, {
      concurrency: 1,
      prefix,
      retry: { attempts: 1, backoffMs: 20 },
      lockMs: 1_000,
      putOffWaitsMs: [50, 50],
    });
    recorder.failing.add('1@a');
    recorder.marksRefused = 1;
    // An earlier replica died running the job (BullMQ's stalled count, as it counts it), then GitHub
    // refuses the first try of its marks, and Redis takes no writes for longer than putting them off
    // is tried: the job is left to be taken over, a second count — no replica stopped this time.
    const admin = new Redis(redis.url);
    const abandoned = recorder.abandoned.bind(recorder);
    recorder.abandoned = async (...args) => {
      try {
        return await abandoned(...args);
      } finally {
        if (recorder.markings.length === 1) {
          const [id] = await admin.lrange(`${prefix}:jobs:active`, 0, -1);
          await admin.hset(`${prefix}:jobs:${id}`, 'stc', 1);
        }
      }
    };
    try {
      await marksWrittenThoughRedisFull(queue, recorder, () => recorder.markings.length === 1);
    } finally {
      admin.disconnect();
    }
    // Its marks are tried again once Redis is back, with why the job was given up: the job itself
    // does not run again.
    expect(recorder.count('start 1@a')).toBe(1);
    expect(recorder.givenUp).toEqual([
      expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
      expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/),
    ]);
    expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
  }, 40_000);

  it('renews a lease in time even when the lock is set shorter than the poll: the job is not stopped', async () => {
    const recorder = new Recorder();
    const queue = redisQueue(recorder, { concurrency: 1, lockMs: 1_000, pollMs: 1_000 });
    await queue.enqueue(job(1, 'h'));
    await waitUntil(() => recorder.started('1@h'), 'the job runs');
    // Three polls' worth: a lease renewed only every second (trusted for 0.8 s) lapses and the job is stopped.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(recorder.log).not.toContain('abort 1@h');
    expect(recorder.leases.get('1@h')?.held()).toBe(true);
    recorder.release('1@h');
    await queue.idle();
    expect(recorder.results.get('1@h')).toEqual([{ kind: 'done', outcome: {} }]);
  });

  it('takes over the job of a replica that died mid-job', async () => {
    const prefix = `test-${randomUUID()}`;
    const dying = new Recorder();
    const survivor = new Recorder();
    const doomed = redisQueue(dying, { concurrency: 1, prefix, lockMs: 1_000 });
    await doomed.enqueue(job(1, 'h'));
    await waitUntil(() => dying.started('1@h'), 'the doomed replica runs the job');
    die(doomed);
    survivor.release('1@h');
    const rescuer = redisQueue(survivor, { concurrency: 1, prefix, lockMs: 1_000 });
    await waitUntil(() => survivor.log.includes('end 1@h'), 'another replica finishes it', 30_000);
    await rescuer.idle();
    expect(survivor.results.get('1@h')).toEqual([{ kind: 'done', outcome: {} }]);
    expect(survivor.givenUp).toEqual([]);
  }, 40_000);

  it('takes over a job given up whose replica died marking it: marked, not run again, nothing left active', async () => {
    const prefix = `test-${randomUUID()}`;
    const retry = { attempts: 1, backoffMs: 20 };
    const dying = new Recorder();
    dying.failing.add('1@a');
    // The replica dies while it writes the first marks (GitHub's answer never comes back to it).
    dying.giveUpHeld = new Promise<void>(() => {});
    const doomed = redisQueue(dying, { concurrency: 1, prefix, retry, lockMs: 1_000 });
    await doomed.enqueue(job(1, 'a'));
    await waitUntil(() => dying.givenUp.length === 1, 'the doomed replica marks the job given up');
    die(doomed);
    // Nothing says the marks were written, but the job's data says it was given up: its first try of
    // the marks is made again, with why; the job is not run again.
    const survivor = new Recorder();
    const rescuer = redisQueue(survivor, { concurrency: 1, prefix, retry, lockMs: 1_000 });
    await waitUntil(() => survivor.results.has('1@a'), 'another replica ends the job', 30_000);
    await rescuer.idle();
    expect(survivor.started('1@a')).toBe(false);
    expect(survivor.markings).toEqual([{ last: false }]);
    expect(survivor.givenUp).toEqual([expect.stringMatching(/^1@a: it failed once.*: 1@a failed$/)]);
    expect(survivor.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
    expect(await rescuer.stats()).toMatchObject({ waiting: 0, running: 0, delayed: 0 });
  }, 40_000);

  /**
   * A replica that gives job 1@a up, has its first try of the marks refused (put off in Redis, with
   * GitHub's time of its answer), and is left hanging in the second try: its lock lapses if it dies.
   */
  async function hangingOnLaterTry(prefix: string, retry: RetryPolicy): Promise<RedisQueue> {
    const dying = new Recorder();
    dying.failing.add('1@a');
    dying.marksRefused = 1;
    dying.marksAnsweredAt = ['2026-12-06T23:00:05.000Z'];
    const abandoned = dying.abandoned.bind(dying);
    dying.abandoned = async (...args) => {
      if (dying.markings.length === 1) {
        dying.markings.push(args[4]);
        return new Promise<void>(() => {});
      }
      return abandoned(...args);
    };
    const doomed = redisQueue(dying, { concurrency: 1, prefix, retry, lockMs: 1_000 });
    await doomed.enqueue(job(1, 'a'));
    await waitUntil(() => dying.markings.length === 2, 'the doomed replica tries the marks again');
    return doomed;
  }

  it('takes over the pending marks of a replica that died on a later try: marked, not run again', async () => {
    const prefix = `test-${randomUUID()}`;
    const retry = { attempts: 1, backoffMs: 20 };
    die(await hangingOnLaterTry(prefix, retry));
    const survivor = new Recorder();
    const rescuer = redisQueue(survivor, { concurrency: 1, prefix, retry, lockMs: 1_000 });
    await waitUntil(() => survivor.results.has('1@a'), 'another replica writes the marks', 30_000);
    await rescuer.idle();
    // The marks pending in Redis, with the first try's time: the job itself is not run again.
    expect(survivor.started('1@a')).toBe(false);
    expect(survivor.markings).toEqual([{ since: '2026-12-06T23:00:05.000Z', last: false }]);
    expect(survivor.givenUp).toEqual([expect.stringMatching(/^1@a: it failed once/)]);
    expect(survivor.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
    expect(await rescuer.stats()).toMatchObject({ waiting: 0, running: 0, delayed: 0 });
  }, 40_000);

  it('writes the pending marks of a job however often it was taken over before: BullMQ does not drop them', async () => {
    const prefix = `test-${randomUUID()}`;
    const retry = { attempts: 1, backoffMs: 20 };
    const doomed = await hangingOnLaterTry(prefix, retry);
    // BullMQ counts each lock that lapsed while the job was active (its stalled count, `stc`): a
    // replica that died, and as much a replica that left the job to Redis because Redis would not put
    // its marks off for as long as an outage lasted (MarksNotDeferred) — one per outage. Five before.
    const admin = new Redis(redis.url);
    const [id] = await admin.lrange(`${prefix}:jobs:active`, 0, -1);
    await admin.hset(`${prefix}:jobs:${id}`, 'stc', 5);
    admin.disconnect();
    die(doomed);
    const survivor = new Recorder();
    const rescuer = redisQueue(survivor, { concurrency: 1, prefix, retry, lockMs: 1_000 });
    await waitUntil(() => survivor.results.has('1@a'), 'another replica writes the marks', 30_000);
    await rescuer.idle();
    expect(survivor.markings).toEqual([{ since: '2026-12-06T23:00:05.000Z', last: false }]);
    expect(survivor.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
  }, 40_000);

  it('gives a job up, saying why, once replicas died running it twice: it does not run a third time', async () => {
    const prefix = `test-${randomUUID()}`;
    for (const replica of [1, 2]) {
      const dying = new Recorder();
      const doomed = redisQueue(dying, { concurrency: 1, prefix, lockMs: 1_000 });
      if (replica === 1) await doomed.enqueue(job(1, 'h'));
      await waitUntil(() => dying.started('1@h'), `replica ${replica} runs the job`, 30_000);
      die(doomed);
    }
    const last = new Recorder();
    last.release('1@h');
    const rescuer = redisQueue(last, { concurrency: 1, prefix, lockMs: 1_000 });
    await waitUntil(() => last.results.has('1@h'), 'the job ends', 30_000);
    await rescuer.idle();
    expect(last.started('1@h')).toBe(false);
    expect(last.givenUp).toEqual([
      expect.stringMatching(/^1@h: the job was taken over 2 times from a replica that stopped/),
    ]);
    expect(last.results.get('1@h')).toMatchObject([{ kind: 'failed', attempts: 3 }]);
  }, 90_000);
});
