/**
 * A Redis whose `maxmemory-policy` evicts keys loses jobs silently once it fills up (BullMQ requires
 * `noeviction`): the app says so, as an error, when it connects.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { errorsInto } from './support/app-harness.js';
import { APP_ID, testPrivateKey } from './support/fake-github.js';
import { testProbot } from './support/test-probot.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
let privateKey: string;
const apps: BlueprintReviewApp[] = [];
beforeAll(() => {
  privateKey = testPrivateKey();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.runtime()?.close(100)));
});

describe('Redis that may evict keys', () => {
  it('is named as an error when the app connects, with the policy to set', async () => {
    const admin = new Redis(redis().url);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    admin.disconnect();
    const errors: string[] = [];
    const app = createBlueprintReviewApp({
      botLogin: 'blueprint-review[bot]',
      appId: APP_ID,
      redisUrl: redis().url,
      redisQueue: { prefix: `test-${randomUUID()}` },
      recoverAtStart: false,
    });
    apps.push(app);
    await testProbot({ privateKey, log: errorsInto(errors) }).load(app.app);

    await expect
      .poll(() => errors.join('\n'), { timeout: 10_000 })
      .toMatch(/maxmemory-policy is allkeys-lru: .* Set it to noeviction/);
  });
});
