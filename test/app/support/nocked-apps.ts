/**
 * The set-up of tests that run the app Probot's way with nock answering GitHub, on both queues: the
 * requests nock matched nothing for are collected (`unmatched`, asserted empty by the tests), the
 * apps a test made (`apps`) are closed after it, and `backends` gives each queue's options (in
 * process; BullMQ on a real Redis, started once for the file).
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import type { BlueprintReviewApp } from '../../../src/app/index.js';
import type { AppOptions } from '../../../src/app/runtime.js';
import { testPrivateKey } from './fake-github.js';
import { useRedis } from './use-redis.js';

export interface NockedApps {
  apps: BlueprintReviewApp[];
  unmatched: string[];
  /** The app's key, made once for the file (an RSA key costs ~100 ms). */
  privateKey: () => string;
  backends: [string, () => AppOptions][];
}

export function useNockedApps(): NockedApps {
  const apps: BlueprintReviewApp[] = [];
  const unmatched: string[] = [];
  let privateKey = '';
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
    unmatched.push(`${req.method} ${req.path ?? req.href}`);
  beforeAll(() => {
    privateKey = testPrivateKey();
  });
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1'); // Redis
    unmatched.length = 0;
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.runtime()?.close(1_000);
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });
  const redis = useRedis();
  const backends: [string, () => AppOptions][] = [
    ['in process', () => ({})],
    [
      'BullMQ on Redis',
      () => ({
        redisUrl: redis().url,
        redisQueue: { prefix: `test-${randomUUID()}`, pollMs: 100 },
        spacingMs: { write: 1, notification: 1, search: 1 },
      }),
    ],
  ];
  return { apps, unmatched, privateKey: () => privateKey, backends };
}
