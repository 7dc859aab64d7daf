/**
 * Every Lua script of ours touches only the keys its call declares (Redis's scripting contract: a
 * Redis Cluster or a proxy that routes by key sends a script where its declared keys live).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { LaneKeys } from '../../src/app/queue-redis-keys.js';
import { probeKey } from '../../src/app/queue-redis-readiness.js';
import { forgetAnswers, LANE_SCRIPTS, withCommands } from '../../src/app/queue-redis-scripts.js';
import { RESERVE, SharedThrottle } from '../../src/app/shared-throttle.js';
import { job, Recorder } from './support/queue-contract.js';
import { redeliverCoalescedIntoGivenUp } from './support/queue-contract-give-up.js';
import { auditScriptKeys } from './support/script-keys.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
const SCRIPTS = { ...LANE_SCRIPTS, reserveStart: RESERVE };

describe('the Lua scripts of the queue and the shared throttle', () => {
  it('admit a delivery coalesced into a queued job and forget it when that job is given up, and one coalesced with nothing, declaring every key and none named empty', async () => {
    const audit = await auditScriptKeys(redis().url, SCRIPTS);
    const recorder = new Recorder();
    const queue = new RedisQueue(recorder, {
      url: redis().url,
      prefix: `test-${randomUUID()}`,
      concurrency: 4,
      retry: { attempts: 1, backoffMs: 20 },
      pollMs: 100,
      stalledIntervalMs: 500,
    });
    try {
      // A review given up forgets the delivery coalesced into it, which then runs when redelivered.
      await redeliverCoalescedIntoGivenUp(queue, recorder);
      // A re-run request coalesces with nothing: no coalescing key to declare.
      expect(await queue.enqueue(job(1, 'a', { force: true }))).toBe('queued');
      recorder.release('1@a');
      await queue.idle();
    } finally {
      await queue.close(1_000);
    }
    const { calls, undeclared, emptyKeys } = await audit.stop();
    // Five requests, the coalesced one admitted in two calls: the first finds whose list to name.
    expect(calls).toMatchObject({ admit: 6, forget: 1, release: expect.any(Number) });
    expect(undeclared).toEqual([]);
    expect(emptyKeys).toEqual([]);
  }, 60_000);

  it('adopt, mark, settle, advance, probe and reserve declaring every key', async () => {
    const audit = await auditScriptKeys(redis().url, SCRIPTS);
    const client = withCommands(new Redis(redis().url));
    const throttle = new SharedThrottle({ url: redis().url, prefix: `test-${randomUUID()}` });
    try {
      const keys = new LaneKeys(`test-${randomUUID()}`);
      await client.rpush(keys.trail('by-name'), '{}');
      await client.set(keys.orphan('by-name'), '1');
      await client.adopt(
        keys.trail('by-name'),
        keys.orphan('by-name'),
        keys.trail('7:1'),
        keys.orphan('7:1'),
        60,
      );
      const alive = `${randomUUID()}:alive:queue`;
      await client.mark(alive, 'replica-1', 600, 60);
      await client.settle(alive, 'replica-1', 600);
      await client.advance(`${randomUUID()}:mark:scan`, 0, 1_000, '1', 60_000);
      await client.probe(probeKey(`test-${randomUUID()}`), 'now', 60_000);
      expect(await throttle.reserve(1, ['write', 'notification'])).toBe(0);
    } finally {
      client.disconnect();
      throttle.close();
    }
    const { calls, undeclared, emptyKeys } = await audit.stop();
    expect(calls).toEqual({ adopt: 1, mark: 1, settle: 1, advance: 1, probe: 1, reserveStart: 1 });
    expect(undeclared).toEqual([]);
    expect(emptyKeys).toEqual([]);
  });

  it('forgets nothing when the list of answers changed since it was read, and forgets all once read again', async () => {
    const client = withCommands(new Redis(redis().url));
    try {
      const keys = new LaneKeys(`test-${randomUUID()}`);
      const own = keys.delivery({ deliveryId: 'd1', kind: 'review' }, '7:1');
      const joined = keys.delivery({ deliveryId: 'd2', kind: 'review' }, '7:1');
      await client.set(own, 'job-1');
      await client.set(joined, 'job-1');
      await client.rpush(keys.answers('job-1'), joined);
      // Read before `joined` was listed: the script is not given that key, and does nothing.
      expect(await client.forget(2, own, keys.answers('job-1'), 'job-1', '0')).toBe(-1);
      expect(await client.mget(own, joined)).toEqual(['job-1', 'job-1']);
      await forgetAnswers(client, { delivery: own, answers: keys.answers('job-1') }, 'job-1', '0');
      expect(await client.exists(own, joined, keys.answers('job-1'))).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});
