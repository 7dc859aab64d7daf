/**
 * A replica that finds Redis without the queue (new, or it lost its data) scans GitHub for unfinished
 * work. When that scan fails (GitHub down at that moment), the queue's mark is given back: the next
 * check — at the next reconnection, or within a minute, in this replica or another — finds it missing
 * and scans again. Kept, the mark said for a week that nothing was lost. Without Redis, the scan at
 * start is the only one: it is made again a little later when it fails.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import { APP_ID, testPrivateKey } from './support/fake-github.js';
import { testProbot } from './support/test-probot.js';
import { useRedis } from './support/use-redis.js';

const API = 'https://api.github.com';

let privateKey: string;
beforeAll(() => {
  privateKey = testPrivateKey();
});
const apps: BlueprintReviewApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.runtime()?.close(0)));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('a recovery scan that fails', () => {
  const redis = useRedis({ appendonly: true });

  it('gives the mark back, and the scan is made again once Redis is reached again', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1'); // Redis
    const prefix = `test-${randomUUID()}`;
    // GitHub fails the scan's first request: the list of the app's installations.
    const failing = nock(API).get('/app/installations').query(true).reply(403, { message: 'Forbidden' });
    const app = createBlueprintReviewApp({
      botLogin: 'blueprint-review[bot]',
      appId: APP_ID,
      redisUrl: redis().url,
      redisQueue: { prefix },
      recoverAtStart: true,
    });
    apps.push(app);
    await testProbot({ privateKey }).load(app.app);
    await expect.poll(() => failing.isDone(), { timeout: 10_000 }).toBe(true);

    // The mark is given back: Redis reads as a Redis that lost the queue, as it did.
    const client = new Redis(redis().url);
    try {
      await expect.poll(() => client.get(`${prefix}:alive:queue`), { timeout: 10_000 }).toBeNull();
    } finally {
      client.disconnect();
    }

    // Redis restarts (keeping its data): the replica reconnects and scans again, now with success.
    const scanned = nock(API).get('/app/installations').query(true).reply(200, []);
    await redis().restart({ appendonly: true });
    await expect.poll(() => scanned.isDone(), { timeout: 20_000 }).toBe(true);
  }, 60_000);
});

describe('a scan at start without Redis that fails', () => {
  it('is made again a little later', async () => {
    nock.disableNetConnect();
    const failing = nock(API).get('/app/installations').query(true).reply(403, { message: 'Forbidden' });
    const scanned = nock(API).get('/app/installations').query(true).reply(200, []);
    const app = createBlueprintReviewApp({
      botLogin: 'blueprint-review[bot]',
      appId: APP_ID,
      recoverAtStart: true,
      recoveryRetryMs: 10,
    });
    apps.push(app);
    await testProbot({ privateKey }).load(app.app);
    await expect.poll(() => failing.isDone(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => scanned.isDone(), { timeout: 10_000 }).toBe(true);
  });
});
