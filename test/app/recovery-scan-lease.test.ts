/**
 * The scan a replica makes when Redis lost the queue (redis-claims.ts `watchForLoss`) holds the
 * queue's mark only for a lease its replica renews, until the scan is done. A replica killed in the
 * middle of the scan (SIGKILL, its host gone) renews nothing: the lease runs out and another replica
 * scans. Before, the mark was set for a week at once, and the work the scan was to find stayed lost.
 * A real Redis: the mark's scripts run in it.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { withCommands } from '../../src/app/queue-redis-scripts.js';
import { watchForLoss } from '../../src/app/redis-claims.js';
import { useRedis } from './support/use-redis.js';

const TIMING = { checkMs: 100, scanLeaseSeconds: 1 };
const opened: { redis: Redis; timer: NodeJS.Timeout }[] = [];

afterEach(() => {
  for (const { redis, timer } of opened.splice(0)) {
    clearInterval(timer);
    redis.disconnect();
  }
});

describe('the scan after Redis lost the queue', () => {
  const server = useRedis();

  /** A replica watching for the loss; `scan` is what it does when it finds the mark missing. */
  function replica(prefix: string, scan: () => Promise<void>) {
    const redis = withCommands(new Redis(server().url));
    const scans = { started: 0 };
    const timer = watchForLoss(
      redis,
      prefix,
      {
        onEmpty: () => {
          scans.started++;
          return scan();
        },
        closed: () => false,
      },
      TIMING,
    );
    opened.push({ redis, timer });
    /** The replica dies: no more checks, no more renewals, its connection gone. */
    const kill = () => {
      clearInterval(timer);
      redis.disconnect();
    };
    return { scans, kill };
  }

  it('is made again by another replica when the one scanning dies before it is done', async () => {
    const prefix = `test-${randomUUID()}`;
    const first = replica(prefix, () => new Promise<void>(() => {})); // never done
    await expect.poll(() => first.scans.started, { timeout: 10_000 }).toBe(1);
    first.kill();
    const second = replica(prefix, async () => {});
    await expect.poll(() => second.scans.started, { timeout: 20_000 }).toBe(1);
  }, 30_000);

  it('settles the mark for a week once the scan is done, so no replica scans again', async () => {
    const prefix = `test-${randomUUID()}`;
    const first = replica(prefix, async () => {});
    await expect.poll(() => first.scans.started, { timeout: 10_000 }).toBe(1);
    const client = new Redis(server().url);
    try {
      await expect
        .poll(() => client.ttl(`${prefix}:alive:queue`), { timeout: 10_000 })
        .toBeGreaterThan(86_400);
      // The first replica dies; the settled mark outlives any lease: the second finds the queue kept.
      first.kill();
      let kept = 0;
      const redis = withCommands(new Redis(server().url));
      const timer = watchForLoss(
        redis,
        prefix,
        { onKept: () => kept++, onEmpty: () => {}, closed: () => false },
        TIMING,
      );
      opened.push({ redis, timer });
      await expect.poll(() => kept, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await client.get(`${prefix}:alive:queue`)).not.toMatch(/^scanning /);
    } finally {
      client.disconnect();
    }
  }, 30_000);
});
