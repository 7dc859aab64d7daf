/**
 * The set-up of tests that run the app with its sign-off against the loopback fake GitHub, on both
 * queues: the shop and its webshop renamed as a two-commit repository and the app's key (made once
 * for the file), Redis, and the clean-ups a test registers (run after it, last first).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AppOptions } from '../../../src/app/runtime.js';
import { testPrivateKey } from './fake-github.js';
import { twoCommitRepo } from './git-repo.js';
import type { TwoCommitRepo } from './git-repo.js';
import { nameWebshop, shopFiles } from './shop.js';
import { useRedis } from './use-redis.js';

export interface LoopbackSignoff {
  repo: () => TwoCommitRepo;
  privateKey: () => string;
  cleanups: (() => Promise<void>)[];
  backends: [string, () => AppOptions][];
}

export function useLoopbackSignoff(): LoopbackSignoff {
  let privateKey = '';
  let repo: TwoCommitRepo | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(() => {
    privateKey = testPrivateKey();
    const base = shopFiles();
    repo = twoCommitRepo(base, nameWebshop(base));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => repo?.remove());
  const redis = useRedis();
  const backends: [string, () => AppOptions][] = [
    ['in process', () => ({})],
    [
      'BullMQ on Redis',
      () => ({ redisUrl: redis().url, redisQueue: { prefix: `test-${randomUUID()}`, pollMs: 100 } }),
    ],
  ];
  return { repo: () => repo!, privateKey: () => privateKey, cleanups, backends };
}

/** A `pull_request_review` delivery (`action`) on `repo`'s head, into main. */
export function reviewEvent(
  repo: TwoCommitRepo,
  action: 'submitted' | 'dismissed' = 'submitted',
): Record<string, unknown> {
  const payload = JSON.parse(
    readFileSync(
      new URL('../../fixtures/webhooks/pull_request_review.submitted.json', import.meta.url),
      'utf8',
    ),
  ) as { action: string; pull_request: { head: { sha: string }; base: { sha: string; ref: string } } };
  payload.action = action;
  payload.pull_request.head.sha = repo.headSha;
  payload.pull_request.base.sha = repo.baseSha;
  payload.pull_request.base.ref = 'main';
  return payload as unknown as Record<string, unknown>;
}
