/**
 * `/readyz` tells a load balancer whether to send webhooks to a replica, and GitHub does not retry a
 * delivery the replica then fails. A Redis that answers PING but refuses the queue's writes — a
 * read-only replica (a failover left the app's address on one), memory full under `noeviction` —
 * refuses every job, so the replica must say it is not ready, and why; once Redis takes writes again,
 * it is ready again. A real Redis of this file's own: it is turned into a replica and filled up.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { operationsHandler } from '../../src/app/http.js';
import type { AppMetrics } from '../../src/app/metrics.js';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { job, Recorder } from './support/queue-contract.js';
import { freePort } from './support/redis-server.js';
import { useRedis } from './support/use-redis.js';

const server = useRedis();
let admin: Redis;
const open: RedisQueue[] = [];

beforeAll(() => {
  admin = new Redis(server().url);
});
afterEach(async () => {
  await admin.replicaof('NO', 'ONE');
  await admin.config('SET', 'maxmemory', '0');
  await Promise.all(open.splice(0).map((q) => q.close(100)));
});
afterAll(() => {
  admin?.disconnect();
});

function replica(): RedisQueue {
  const queue = new RedisQueue(new Recorder(), {
    url: server().url,
    prefix: `test-${randomUUID()}`,
    concurrency: 1,
    commandTimeoutMs: 1_000,
    pollMs: 100,
    stalledIntervalMs: 500,
  });
  open.push(queue);
  return queue;
}

/** What `/readyz` answers for `queue`: its status code and body. */
async function readyz(queue: RedisQueue): Promise<{ status: number; body: { status: string } }> {
  let status = 0;
  let text = '';
  const res = {
    writeHead(code: number) {
      status = code;
      return this;
    },
    end(body: string) {
      text = body;
    },
  } as unknown as ServerResponse;
  await operationsHandler(queue, {} as AppMetrics)({ method: 'GET', url: '/readyz' } as IncomingMessage, res);
  return { status, body: JSON.parse(text) as { status: string } };
}

/** The queue takes a job and says it is ready (its first connection may take a moment). */
async function takingJobs(queue: RedisQueue): Promise<void> {
  await expect.poll(async () => (await readyz(queue)).status, { timeout: 10_000 }).toBe(200);
  expect(await queue.enqueue(job(1, `ok-${randomUUID()}`))).toBe('queued');
}

describe('a replica whose Redis answers but refuses writes', () => {
  it('is not ready while Redis is a read-only replica, and ready once it is a primary again', async () => {
    const queue = replica();
    await takingJobs(queue);

    // A failover demoted the Redis the app's address names: it follows a primary (gone here).
    await admin.replicaof('127.0.0.1', String(await freePort()));
    expect(await admin.ping()).toBe('PONG');
    await expect(queue.enqueue(job(2, 'a'))).rejects.toThrow(/READONLY/);
    const answer = await readyz(queue);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toMatch(/^not ready: Redis refuses the queue's writes: READONLY /);

    await admin.replicaof('NO', 'ONE');
    await takingJobs(queue);
  }, 30_000);

  it('is not ready while Redis is out of memory under noeviction, and ready once it has room', async () => {
    const queue = replica();
    await takingJobs(queue);

    expect(await admin.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await admin.config('SET', 'maxmemory', '1');
    expect(await admin.ping()).toBe('PONG');
    await expect(queue.enqueue(job(2, 'a'))).rejects.toThrow(/OOM/);
    const answer = await readyz(queue);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toMatch(/^not ready: Redis refuses the queue's writes: OOM /);

    await admin.config('SET', 'maxmemory', '0');
    await takingJobs(queue);
  }, 30_000);
});

describe('a replica shutting down', () => {
  it('is not ready once its queue is closed', async () => {
    const queue = replica();
    await takingJobs(queue);
    await queue.close(1_000);
    expect(await readyz(queue)).toEqual({
      status: 503,
      body: { status: 'not ready: the queue is shutting down and takes no new jobs' },
    });
  }, 30_000);
});
