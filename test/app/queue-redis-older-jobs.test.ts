/**
 * Jobs an older replica queued in Redis before jobs carried their repository's id (a rolling upgrade:
 * replicas of both versions share one Redis). Such a job was admitted under its pull request's name
 * (`owner/repo#n`); it must still run one at a time with the pull request's other jobs — also those
 * queued under another name of the repository — with the pushes its lane's trail holds.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { coalescingOf, laneOf, nameLaneOf, NoRepositoryId } from '../../src/app/jobs.js';
import type { JobHandlers, JobQueue, RetryPolicy } from '../../src/app/queue.js';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { admitDelivery, withCommands } from '../../src/app/queue-redis-scripts.js';
import { job, Recorder, SHOP_ID, waitUntil } from './support/queue-contract.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedis } from './support/redis-server.js';

let redis: RedisServer;
const open: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
});
afterAll(async () => {
  await redis?.stop();
});

function redisQueue(handlers: JobHandlers, options: { prefix: string; retry?: RetryPolicy }): JobQueue {
  const queue = new RedisQueue(handlers, {
    url: redis.url,
    concurrency: 4,
    pollMs: 100,
    stalledIntervalMs: 500,
    ...options,
  });
  open.push({ close: () => queue.close(100) });
  return queue;
}

/**
 * Queues `old` as a replica of the version before did: admitted under the pull request's name (the
 * same script, with its keys named by `owner/repo#n`), and its descriptor without a repository id.
 */
async function queueAsOlderReplica(prefix: string, old: JobDescriptor): Promise<void> {
  const { repositoryId: _id, ...descriptor } = old;
  expect(await admitAsOlderReplica(prefix, old, nameLaneOf(old), descriptor)).toBe('queued');
}

/**
 * Admits `old` under `lane` and queues `descriptor`, as a replica of an earlier version did: the same
 * script, but the delivery's key holds `'1'` — replicas before ab0a07e stored no job id there.
 */
async function admitAsOlderReplica(
  prefix: string,
  old: JobDescriptor,
  lane: string,
  descriptor: Omit<JobDescriptor, 'repositoryId'>,
): Promise<'queued' | 'duplicate'> {
  const key = (kind: string, rest: string) => `${prefix}:${kind}:${rest}`;
  const delivery = key('delivery', `${old.deliveryId}|${lane}|${old.kind}`);
  const id = randomUUID();
  const coalescing = coalescingOf(old);
  const client = withCommands(new Redis(redis.url));
  const queue = new Queue('jobs', { connection: client, prefix });
  try {
    if ((await client.exists(delivery)) === 1) return 'duplicate';
    const [state, seq] = await admitDelivery(
      client,
      {
        delivery,
        hold: coalescing ? key('hold', `${lane}:${coalescing.key}`) : undefined,
        seq: key('seq', lane),
        latest: key('latest', lane),
        trail: key('trail', lane),
        orphan: key('orphan', lane),
        answersOf: (holder) => key('answers', holder),
        id,
        head: old.kind === 'review' && !old.force ? old.headSha : '',
        push: old.push ? JSON.stringify({ headSha: old.headSha, base: old.base, push: old.push }) : '',
      },
      { ttl: 86_400, keep: 604_800, pendingMs: 10_000 },
    );
    // Its keys lasted a day from the start.
    await client.set(delivery, '1', 'EX', 86_400);
    if (state === 'queued' && coalescing)
      await client.expire(key('hold', `${lane}:${coalescing.key}`), 86_400);
    if (state === 'queued') await queue.add(old.kind, { job: descriptor, seq }, { jobId: id, attempts: 4 });
    return state === 'queued' ? 'queued' : 'duplicate';
  } finally {
    await queue.close();
    client.disconnect();
  }
}

describe('BullMQ on Redis: jobs an older replica queued without the repository id', () => {
  it('runs one after the pull request’s running job, though that one was queued under the repository’s new name', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    recorder.repositoryIds.set('acme/shop', SHOP_ID);
    const queue = redisQueue(recorder, { prefix });
    await queue.enqueue(job(1, 'a', { owner: 'acme-corp', repo: 'store' }));
    await waitUntil(() => recorder.started('1@a'), 'the review runs');
    // Queued before the upgrade, under the old name, with the push of a reopening in its trail.
    await queueAsOlderReplica(
      prefix,
      job(1, 'a', { kind: 'signoff', force: true, push: { by: 'ann', before: null } }),
    );
    await queue.enqueue(job(2, 'b'));
    await waitUntil(() => recorder.started('2@b'), 'another pull request runs meanwhile');
    await waitUntil(() => recorder.idsAskedFor.length > 0, 'the old job’s repository id is read');
    expect(recorder.started('signoff 1@a')).toBe(false);
    recorder.release('1@a');
    await waitUntil(() => recorder.started('signoff 1@a'), 'the old job runs after the review');
    expect(recorder.log.indexOf('end 1@a')).toBeLessThan(recorder.log.indexOf('start signoff 1@a'));
    // The push its lane's trail held under the old name is handed to it.
    expect(recorder.trails.get('signoff 1@a')).toEqual([['ann→a']]);
    recorder.release('signoff 1@a');
    recorder.release('2@b');
    await queue.idle();
    expect(recorder.results.get('signoff 1@a')).toEqual([{ kind: 'done', outcome: {} }]);
    // Read once, though the job came back to a busy lane many times: the id is kept with it.
    expect(recorder.idsAskedFor).toEqual(['acme/shop']);
    // Its hold (under the old name) is free again: a later evaluation the old way queues.
    await queueAsOlderReplica(prefix, job(1, 'a', { kind: 'signoff', force: true }));
    recorder.release('signoff 1@a');
    await waitUntil(() => recorder.count('end signoff 1@a') === 2, 'the later evaluation runs');
    await queue.idle();
  });

  it('reports an old job whose repository id cannot be read failed, after its retries, without running it', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder(); // knows no repository: every read of an id fails
    const queue = redisQueue(recorder, { prefix, retry: { attempts: 2, backoffMs: 20 } });
    await queueAsOlderReplica(prefix, job(1, 'a', { kind: 'signoff', force: true }));
    await waitUntil(() => recorder.results.has('signoff 1@a'), 'the old job ends');
    await queue.idle();
    expect(recorder.started('signoff 1@a')).toBe(false);
    expect(recorder.results.get('signoff 1@a')).toMatchObject([{ kind: 'failed' }]);
    expect(recorder.idsAskedFor.length).toBeGreaterThanOrEqual(1);
  });

  it('forgets the delivery of an old job whose repository id cannot be read: redelivered, it is queued', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder(); // knows no repository: every read of an id fails
    const queue = redisQueue(recorder, { prefix, retry: { attempts: 2, backoffMs: 20 } });
    const old = job(1, 'a', { kind: 'signoff', force: true });
    const { repositoryId: _id, ...descriptor } = old;
    await queueAsOlderReplica(prefix, old);
    await waitUntil(() => recorder.results.has('signoff 1@a'), 'the old job ends');
    await queue.idle();
    expect(recorder.results.get('signoff 1@a')).toMatchObject([{ kind: 'failed' }]);
    // An admin redelivers it, and an older replica (still up in the rolling upgrade) takes it.
    expect(await admitAsOlderReplica(prefix, old, nameLaneOf(old), descriptor)).toBe('queued');
  });

  it('forgets the delivery of a job an older replica queued, its key holding no job id, once given up', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    recorder.failing.add('1@a');
    const queue = redisQueue(recorder, { prefix, retry: { attempts: 1, backoffMs: 20 } });
    // Queued in its id lane by a replica of the version before ab0a07e, which stored '1' as its key.
    const old = job(1, 'a');
    expect(await admitAsOlderReplica(prefix, old, laneOf(old), old)).toBe('queued');
    await waitUntil(() => recorder.results.has('1@a'), 'the job is given up');
    await queue.idle();
    // Redelivered (the admin presses Redeliver), it runs again.
    recorder.failing.delete('1@a');
    recorder.release('1@a');
    expect(await queue.enqueue(old)).toBe('queued');
    await waitUntil(() => recorder.results.get('1@a')?.length === 2, 'the redelivery runs');
    await queue.idle();
    expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed' }, { kind: 'done' }]);
  });

  it('keeps as a duplicate a delivery whose key holds no job id while its job waits or runs', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    const queue = redisQueue(recorder, { prefix });
    const old = job(1, 'a');
    expect(await admitAsOlderReplica(prefix, old, laneOf(old), old)).toBe('queued');
    await waitUntil(() => recorder.started('1@a'), 'the job runs');
    expect(await queue.enqueue(old)).toBe('duplicate');
    recorder.release('1@a');
    await queue.idle();
    expect(await queue.enqueue(old)).toBe('duplicate');
    expect(recorder.count('start 1@a')).toBe(1);
  });

  it('refuses an old job when nothing can read repository ids', async () => {
    const prefix = `test-${randomUUID()}`;
    const recorder = new Recorder();
    const handlers: JobHandlers = {
      run: (j, signal, lease) => recorder.run(j, signal, lease),
      finished: (j, result) => recorder.finished(j, result),
    };
    const queue = redisQueue(handlers, { prefix, retry: { attempts: 1, backoffMs: 20 } });
    await queueAsOlderReplica(prefix, job(1, 'a', { kind: 'signoff', force: true }));
    await waitUntil(() => recorder.results.has('signoff 1@a'), 'the old job ends');
    await queue.idle();
    expect(recorder.started('signoff 1@a')).toBe(false);
    const [result] = recorder.results.get('signoff 1@a')!;
    expect(result).toMatchObject({ kind: 'failed' });
    expect(result?.kind === 'failed' && result.error).toBeInstanceOf(NoRepositoryId);
  });
});
