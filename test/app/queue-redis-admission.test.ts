/**
 * A delivery is admitted (its de-duplication and coalescing keys written) and then queued as a BullMQ
 * job: two commands. The replica lost between them — Redis cut off from it, then the replica dies, so
 * neither the add nor the undoing of the admission ever reaches Redis — must not leave the admission
 * standing without its job: GitHub's redelivery, reaching another replica, would be taken for a
 * duplicate, and later events of the pull request would coalesce into a job that does not exist, for
 * as long as the keys last. The fault is real: a proxy in front of Redis cuts the first replica off
 * just after the admission's answer passes.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import type { EnqueueResult } from '../../src/app/queue.js';
import type { RedisQueueOptions } from '../../src/app/queue-redis.js';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { laneOf } from '../../src/app/jobs.js';
import { LaneKeys } from '../../src/app/queue-redis-keys.js';
import type { AdmissionTimes } from '../../src/app/queue-redis-scripts.js';
import { admitDelivery, withCommands } from '../../src/app/queue-redis-scripts.js';
import { die } from './support/dead-replica.js';
import { job, Recorder, waitUntil } from './support/queue-contract.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
let proxy: TcpProxy;
const open: RedisQueue[] = [];

beforeAll(async () => {
  proxy = await new TcpProxy({ host: '127.0.0.1', port: redis().port }).start();
});
afterEach(async () => {
  proxy.heal();
  await Promise.all(open.splice(0).map((q) => q.close(100)));
});
afterAll(async () => {
  await proxy?.stop();
});

/** ADMIT's answer when it admitted a request as a job of its own (queue-redis-scripts.ts). */
const ADMITTED = /\*2\r\n\$6\r\nqueued\r\n:\d+\r\n/;

function replica(
  recorder: Recorder,
  options: Pick<RedisQueueOptions, 'url' | 'prefix' | 'pendingAdmissionMs'>,
): RedisQueue {
  const queue = new RedisQueue(recorder, {
    concurrency: 2,
    pollMs: 50,
    stalledIntervalMs: 500,
    pendingAdmissionMs: 1_000,
    ...options,
  });
  open.push(queue);
  return queue;
}

/**
 * Two replicas on one Redis, the first through the proxy, once it has queued a job (another pull
 * request's): its connections were set up before the fault.
 */
async function replicas(recorder: Recorder): Promise<{ cutOff: RedisQueue; other: RedisQueue }> {
  const prefix = `test-${randomUUID()}`;
  const cutOff = replica(recorder, { url: proxy.url, prefix });
  const other = replica(recorder, { url: redis().url, prefix });
  recorder.release('99@before');
  await cutOff.enqueue(job(99, 'before'));
  await waitUntil(() => recorder.results.has('99@before'), 'a job ran before the fault');
  return { cutOff, other };
}

/** `request` admitted by `queue`, which is then cut off from Redis (its add goes nowhere) and dies. */
async function admittedThenLost(queue: RedisQueue, request: JobDescriptor): Promise<void> {
  const cut = proxy.cutAfterReply(ADMITTED);
  const refused = expect(queue.enqueue(request)).rejects.toThrow();
  await cut;
  die(queue);
  await refused;
  open.splice(open.indexOf(queue), 1);
  proxy.heal();
}

/** What the queue answers `request` once it answers (a refusal is offered again, as the app does). */
async function offeredUntilAnswered(queue: RedisQueue, request: JobDescriptor): Promise<EnqueueResult> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await queue.enqueue(request);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('a replica lost between a delivery admitted and its job queued', () => {
  it('leaves the delivery to be queued and run when GitHub redelivers it to another replica', async () => {
    const recorder = new Recorder();
    const { cutOff, other } = await replicas(recorder);
    const review = job(1, 'a');
    recorder.release('1@a');
    await admittedThenLost(cutOff, review);

    expect(await offeredUntilAnswered(other, review)).toBe('queued');
    await waitUntil(() => recorder.results.has('1@a'), 'the review ran');
    expect(recorder.count('start 1@a')).toBe(1);
  });

  it('queues the next event of the pull request instead of coalescing it into the job never queued', async () => {
    const recorder = new Recorder();
    const { cutOff, other } = await replicas(recorder);
    recorder.release('1@a');
    await admittedThenLost(cutOff, job(1, 'a'));

    expect(await offeredUntilAnswered(other, job(1, 'a'))).toBe('queued');
    await waitUntil(() => recorder.results.has('1@a'), 'the review ran');
  });

  it('queues the next sign-off request instead of coalescing it into the evaluation never queued', async () => {
    const recorder = new Recorder();
    const { cutOff, other } = await replicas(recorder);
    recorder.release('signoff 1@a');
    await admittedThenLost(cutOff, job(1, 'a', { kind: 'signoff' }));

    expect(await offeredUntilAnswered(other, job(1, 'a', { kind: 'signoff' }))).toBe('queued');
    await waitUntil(() => recorder.results.has('signoff 1@a'), 'the sign-off was evaluated');
  });
});

describe('a delivery queued', () => {
  it('is a duplicate for a day once its job is queued, and so is its coalescing key held', async () => {
    const recorder = new Recorder();
    const prefix = `test-${randomUUID()}`;
    const queue = replica(recorder, { url: redis().url, prefix, pendingAdmissionMs: 5_000 });
    const review = job(1, 'a');
    expect(await queue.enqueue(review)).toBe('queued');
    await waitUntil(() => recorder.started('1@a'), 'the review runs');

    const admin = new Redis(redis().url);
    try {
      const [delivery] = await admin.keys(`${prefix}:delivery:*`);
      const [hold] = await admin.keys(`${prefix}:hold:*`);
      // Pending, they would last 5 s (`pendingAdmissionMs`).
      expect(await admin.ttl(delivery!)).toBeGreaterThan(86_000);
      expect(await admin.ttl(hold!)).toBeGreaterThan(86_000);
    } finally {
      admin.disconnect();
    }
    expect(await queue.enqueue(review)).toBe('duplicate');
    recorder.release('1@a');
    await queue.idle();
    expect(recorder.count('start 1@a')).toBe(1);
  });
});

/**
 * Redis answers a key's time left as 0 in the millisecond it lapses, while the key still reads (its
 * lapse is `now > expiry`; PTTL is `expiry - now`, floored at 0). A request asking in that millisecond
 * must wait on the admission it met as on any other pending one, not take it for a queued job: the
 * request would be coalesced into (or, redelivered, answered "duplicate" of) a job that does not exist.
 * The requests here ask again at once, so some of them ask in that very millisecond.
 */
describe('a request that meets an admission in the millisecond it lapses', () => {
  const times: AdmissionTimes = { ttl: 86_400, keep: 86_400, pendingMs: 20 };
  const ROUNDS = 20;

  /** Admits `first` (its job never added), then `next` until it is no longer pending: what it got. */
  async function afterTheLapse(first: JobDescriptor, next: JobDescriptor): Promise<string[]> {
    const client = withCommands(new Redis(redis().url));
    const answers: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const keys = new LaneKeys(`test-${randomUUID()}`);
        const admission = (request: JobDescriptor) => keys.admission(request, laneOf(request), randomUUID());
        expect((await admitDelivery(client, admission(first), times))[0]).toBe('queued');
        let answer = await admitDelivery(client, admission(next), times);
        while (answer[0] === 'pending') answer = await admitDelivery(client, admission(next), times);
        answers.push(answer[0]);
      }
    } finally {
      client.disconnect();
    }
    return answers;
  }

  it(
    'queues the next event of the pull request once the admission is gone',
    { timeout: 30_000 },
    async () => {
      const answers = await afterTheLapse(job(1, 'a'), job(1, 'a'));
      expect(answers).toEqual(Array(ROUNDS).fill('queued'));
    },
  );

  it('queues a redelivery of the delivery once the admission is gone', { timeout: 30_000 }, async () => {
    const review = job(1, 'a', { force: true });
    const answers = await afterTheLapse(review, review);
    expect(answers).toEqual(Array(ROUNDS).fill('queued'));
  });
});
