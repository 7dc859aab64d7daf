/**
 * A job the queue refused while Redis was unreachable waits in the memory of the replica that refused
 * it; the delivery failed. When that replica dies before Redis is back, the job is gone, and Redis —
 * which kept its data — gives no replica a reason for the recovery scan. GitHub's record of failed
 * deliveries does: each replica connecting to a Redis that kept the queue (at start, and back after
 * Redis was unreachable) asks GitHub to deliver those again (src/app/redelivery.ts), once across
 * replicas.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { AppOptions } from '../../src/app/runtime.js';
import type { Octokit } from '../../src/adapters/github/client.js';
import {
  MAX_REDELIVERIES,
  REDELIVERY_SCAN_MARK,
  redeliverFailed,
  SCAN_MARK_LAG_MS,
} from '../../src/app/redelivery.js';
import type { RedeliveryDeps, RedeliverySummary } from '../../src/app/redelivery.js';
import type { Claims, SharedMark } from '../../src/app/redis-claims.js';
import { APP_ID, testPrivateKey } from './support/fake-github.js';
import { useRedis } from './support/use-redis.js';
import { testProbot } from './support/test-probot.js';

const API = 'https://api.github.com';
const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-05T09:00:00Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString();

let privateKey: string;
beforeAll(() => {
  privateKey = testPrivateKey();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** GitHub's record: attempts newest first, in pages of `perPage` linked by cursor. */
function deliveryRecord(attempts: object[], perPage = 2) {
  const redelivered: number[] = [];
  const pagesRead: string[] = [];
  const scope = nock(API)
    .persist()
    .get('/app/hook/deliveries')
    .query(true)
    .reply(function (uri) {
      const cursor = new URL(uri, API).searchParams.get('cursor') ?? '0';
      pagesRead.push(cursor);
      const from = Number(cursor);
      const next = from + perPage;
      const link =
        next < attempts.length
          ? { link: `<${API}/app/hook/deliveries?per_page=100&cursor=${next}>; rel="next"` }
          : {};
      return [200, attempts.slice(from, next), link];
    })
    .post(/^\/app\/hook\/deliveries\/\d+\/attempts$/)
    .reply(function (uri) {
      redelivered.push(Number(uri.split('/')[4]));
      return [202, {}];
    });
  return { scope, redelivered, pagesRead };
}

const attempt = (id: number, guid: string, hoursAgo: number, status: number) => ({
  id,
  guid,
  delivered_at: at(hoursAgo),
  redelivery: false,
  status_code: status,
});

/** Claims as Redis holds them, in a set (`taken`). */
function claimsIn(taken: Set<string>): Claims {
  return {
    take: async (name) => !taken.has(name) && taken.add(name) !== undefined,
    release: async (name) => void taken.delete(name),
    held: async (name) => taken.has(name),
  };
}

/** A mark as the Redis script keeps it: forward only, and only from work without a gap behind it. */
function markIn(): SharedMark & { value: number | undefined } {
  const mark = {
    value: undefined as number | undefined,
    read: async () => mark.value,
    advance: async (from: number, to: number, whole: boolean) => {
      if (mark.value !== undefined && to <= mark.value) return;
      if (!whole && (mark.value === undefined || from > mark.value)) return;
      mark.value = to;
    },
  };
  return mark;
}

const quiet = { info() {}, warn() {}, error() {} } as never;

/** The app's client, as the app authenticates (a JWT), against nock with the network off. */
async function octokit(): Promise<Octokit> {
  nock.disableNetConnect();
  const probot = testProbot({ privateKey });
  return (await probot.auth()) as unknown as Octokit;
}

/** One scan by a replica holding `claims`: a day's window at NOW, unless `more` says otherwise. */
function scanAt(gh: Octokit, claims: Claims, more: Partial<RedeliveryDeps> = {}): Promise<RedeliverySummary> {
  return redeliverFailed({
    appOctokit: async () => gh,
    claims,
    withinMs: 24 * HOUR,
    log: quiet,
    now: () => NOW,
    ...more,
  });
}

describe('redeliverFailed', () => {
  it('redelivers each delivery whose latest attempt failed within the window, once across replicas', async () => {
    const { redelivered, pagesRead } = deliveryRecord([
      attempt(9, 'a', 1, 500), // failed: its latest attempt
      attempt(8, 'b', 2, 200), // delivered on a second attempt…
      attempt(7, 'b', 3, 500), // …so this failure is not redelivered
      attempt(6, 'c', 4, 0), // no answer (a timeout): failed
      attempt(5, 'd', 5, 503), // claimed by another replica
      attempt(4, 'e', 30, 500), // older than the window: not read further
      attempt(3, 'f', 40, 500),
    ]);
    const taken = new Set(['redelivery:attempt:5']);
    const gh = await octokit();
    const summary = await scanAt(gh, claimsIn(taken));
    expect(redelivered.sort()).toEqual([6, 9]);
    expect(summary).toEqual({ failed: 3, redelivered: 2, givenUp: 0 });
    // Three pages of two: the third holds the first attempt past the window, and the walk stops there.
    expect(pagesRead).toEqual(['0', '2', '4']);
  });

  it(`redelivers one delivery ${MAX_REDELIVERIES} times at most, and gives a claim back when GitHub refuses`, async () => {
    nock(API).post('/app/hook/deliveries/20/attempts').reply(502, { message: 'Bad Gateway' });
    const { redelivered } = deliveryRecord([attempt(21, 'poison', 1, 500), attempt(20, 'refused', 1, 500)]);
    const taken = new Set(Array.from({ length: MAX_REDELIVERIES }, (_, i) => `redelivery:poison:${i + 1}`));
    const gh = await octokit();
    const summary = await scanAt(gh, claimsIn(taken), { client: { maxRateLimitWaitSeconds: 0 } });
    expect(redelivered).toEqual([]);
    expect(summary).toEqual({ failed: 2, redelivered: 0, givenUp: 1 });
    // The refused one is free for the next scan to try again.
    expect([...taken].filter((name) => name.includes('20') || name.includes('refused'))).toEqual([]);
  });
});

describe('redeliverFailed with the mark of the last completed scan', () => {
  /** A busy record: `n` deliveries an hour apart from 1 h ago, all delivered but `failed`. */
  const busy = (n: number, failed: Record<number, number> = {}) =>
    Array.from({ length: n }, (_, i) => attempt(100 + n - i, `g${i}`, i + 1, failed[i + 1] ?? 200));

  async function scan(
    gh: Octokit,
    claims: Claims,
    mark: SharedMark,
    hoursLater: number,
    withinMs = 24 * HOUR,
  ) {
    return scanAt(gh, claims, {
      withinMs,
      scanned: { mark, longestMs: 24 * HOUR },
      now: () => NOW + hoursLater * HOUR,
      client: { maxRateLimitWaitSeconds: 0 },
    });
  }

  it('a second scan reads only since the first completed: one page, not the day again', async () => {
    const record = deliveryRecord(busy(20));
    const gh = await octokit();
    const mark = markIn();
    const taken = new Set<string>();
    await scan(gh, claimsIn(taken), mark, 0);
    expect(record.pagesRead).toHaveLength(10);
    expect(mark.value).toBe(NOW - SCAN_MARK_LAG_MS);
    record.pagesRead.length = 0;
    await scan(gh, claimsIn(taken), mark, 2);
    expect(record.pagesRead).toEqual(['0']);
    // The mark lost (Redis lost its data): the whole window again.
    record.pagesRead.length = 0;
    mark.value = undefined;
    await scan(gh, claimsIn(taken), mark, 2);
    expect(record.pagesRead).toHaveLength(10);
  });

  it('a delivery GitHub refused to redeliver, or another replica holds, keeps the mark before it', async () => {
    nock(API).post('/app/hook/deliveries/107/attempts').reply(502, { message: 'Bad Gateway' });
    // Failed: 4 h ago (id 107, refused) and 6 h ago (id 105, claimed by a replica scanning now).
    const record = deliveryRecord(busy(10, { 4: 500, 6: 500 }));
    const gh = await octokit();
    const mark = markIn();
    const taken = new Set(['redelivery:attempt:105']);
    const summary = await scan(gh, claimsIn(taken), mark, 0);
    expect(summary).toEqual({ failed: 2, redelivered: 0, givenUp: 0 });
    expect(mark.value).toBe(NOW - 6 * HOUR - 1);
    // The next scan reads back to them and asks again; the mark then moves on.
    taken.delete('redelivery:attempt:105');
    const next = await scan(gh, claimsIn(taken), mark, 1);
    expect(next).toEqual({ failed: 2, redelivered: 2, givenUp: 0 });
    expect(record.redelivered.sort()).toEqual([105, 107]);
    expect(mark.value).toBe(NOW + HOUR - SCAN_MARK_LAG_MS);
  });

  it('a delivery given up does not hold the mark', async () => {
    deliveryRecord(busy(5, { 3: 500 }));
    const gh = await octokit();
    const mark = markIn();
    const taken = new Set(Array.from({ length: MAX_REDELIVERIES }, (_, i) => `redelivery:g2:${i + 1}`));
    expect(await scan(gh, claimsIn(taken), mark, 0)).toEqual({ failed: 1, redelivered: 0, givenUp: 1 });
    expect(mark.value).toBe(NOW - SCAN_MARK_LAG_MS);
    mark.value = undefined;
    // Seen again (the mark lost): left as it was, said once only, and the mark moves past it.
    expect(await scan(gh, claimsIn(taken), mark, 0)).toEqual({ failed: 1, redelivered: 0, givenUp: 0 });
    expect(mark.value).toBe(NOW - SCAN_MARK_LAG_MS);
  });

  it('a shorter scan moves the mark only when it began at or before it (no gap behind)', async () => {
    deliveryRecord(busy(3));
    const gh = await octokit();
    const mark = markIn();
    const taken = new Set<string>();
    await scan(gh, claimsIn(taken), mark, 0, HOUR / 2);
    expect(mark.value).toBeUndefined(); // no mark: a half-hour scan stands for nothing older
    await scan(gh, claimsIn(taken), mark, 0);
    await scan(gh, claimsIn(taken), mark, 0.25, HOUR / 2);
    expect(mark.value).toBe(NOW + HOUR / 4 - SCAN_MARK_LAG_MS);
    await scan(gh, claimsIn(taken), mark, 2, HOUR / 2); // began 1.5 h after the mark: a gap
    expect(mark.value).toBe(NOW + HOUR / 4 - SCAN_MARK_LAG_MS);
  });
});

describe('a replica connecting to a Redis that kept the queue', () => {
  const redis = useRedis({ appendonly: true });

  /** A replica (recovery on, as `npm start` runs it) on `prefix`, whose queue's mark Redis already holds. */
  async function replica(prefix: string, options: AppOptions = {}) {
    const app = createBlueprintReviewApp({
      botLogin: 'blueprint-review[bot]',
      appId: APP_ID,
      redisUrl: redis().url,
      redisQueue: { prefix },
      recoverAtStart: true,
      ...options,
    });
    const probot = testProbot({ privateKey });
    await probot.load(app.app);
    return app;
  }

  async function keptQueue(): Promise<string> {
    const prefix = `test-${randomUUID()}`;
    const client = new Redis(redis().url);
    await client.set(`${prefix}:alive:queue`, 'an earlier replica');
    client.disconnect();
    return prefix;
  }

  it('asks GitHub to deliver again what failed, at start and back after Redis was unreachable', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1'); // Redis
    const prefix = await keptQueue();
    // The delivery a replica that died answered with an error while Redis was down.
    const { redelivered } = deliveryRecord(
      [attempt(41, 'refused', 0.1, 500), attempt(40, 'fine', 0.2, 200)].map((a) => ({
        ...a,
        delivered_at: new Date(Date.now() - 60_000).toISOString(),
      })),
    );
    const app = await replica(prefix);
    await expect.poll(() => redelivered, { timeout: 10_000 }).toEqual([41]);

    // Redis restarts (keeping its data): the redelivery failed again meanwhile, a new attempt.
    nock.cleanAll();
    const again = deliveryRecord(
      [attempt(42, 'refused', 0, 500), attempt(41, 'refused', 0.1, 500)].map((a) => ({
        ...a,
        delivered_at: new Date(Date.now() - 30_000).toISOString(),
      })),
    );
    await redis().restart({ appendonly: true });
    await expect.poll(() => again.redelivered, { timeout: 20_000 }).toEqual([42]);

    // A second replica starting now reads the record, finds the attempt claimed, and does not ask again.
    const read = again.pagesRead.length;
    const other = await replica(prefix);
    await expect.poll(() => again.pagesRead.length, { timeout: 10_000 }).toBeGreaterThan(read);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(again.redelivered).toEqual([42]);
    await app.runtime()!.close(100);
    await other.runtime()!.close(100);
  }, 60_000);

  it("a replica starting after another reads the delivery record only since the first one's scan", async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const prefix = await keptQueue();
    const now = Date.now();
    // A busy day: 12 deliveries over 23 hours, two a page.
    const record = deliveryRecord(
      Array.from({ length: 12 }, (_, i) => ({
        ...attempt(200 - i, `busy-${i}`, 0, 200),
        delivered_at: new Date(now - (i + 0.5) * 2 * HOUR).toISOString(),
      })),
    );
    const first = await replica(prefix);
    await expect.poll(() => record.pagesRead.length, { timeout: 10_000 }).toBe(6);
    const markKey = `${prefix}:mark:${REDELIVERY_SCAN_MARK}`;
    const client = new Redis(redis().url);
    await expect.poll(() => client.get(markKey), { timeout: 10_000 }).not.toBeNull();
    // A rolling restart: the next replica reads one page (its newest delivery is before the mark).
    const second = await replica(prefix);
    await expect.poll(() => record.pagesRead.length, { timeout: 10_000 }).toBe(7);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(record.pagesRead).toHaveLength(7);
    // The mark lost with Redis's data (or expired): the next start reads the whole day again.
    await client.del(markKey);
    const third = await replica(prefix);
    await expect.poll(() => record.pagesRead.length, { timeout: 10_000 }).toBe(13);
    client.disconnect();
    for (const app of [first, second, third]) await app.runtime()!.close(100);
  }, 30_000);

  it('looks again every few minutes, one replica at a time: a replica cut off alone leaves none to reconnect', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const prefix = await keptQueue();
    const first = deliveryRecord([]);
    const app = await replica(prefix, { redeliverEveryMs: 300 });
    await expect.poll(() => first.pagesRead.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Later, a delivery another replica refused (and then died) fails; no replica reconnects.
    nock.cleanAll();
    const later = deliveryRecord([
      { ...attempt(60, 'refused', 0, 500), delivered_at: new Date().toISOString() },
    ]);
    await expect.poll(() => later.redelivered, { timeout: 10_000 }).toEqual([60]);
    await app.runtime()!.close(100);
  }, 30_000);

  it('does not redeliver when recovery at start is off', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const prefix = await keptQueue();
    const { redelivered } = deliveryRecord([
      { ...attempt(50, 'refused', 0, 500), delivered_at: new Date().toISOString() },
    ]);
    const app = await replica(prefix, { recoverAtStart: false });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(redelivered).toEqual([]);
    await app.runtime()!.close(100);
  }, 30_000);
});
