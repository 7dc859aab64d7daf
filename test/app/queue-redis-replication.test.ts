/**
 * Redis replicates asynchronously: a failover to a replica that had not received a just-added job
 * loses it, though the delivery was answered and the queue's "alive" key survives (no recovery scan).
 * With `replicasToAcknowledge`, a job counts as queued only once that many replicas have it: here a
 * real primary and a real replica, the replica's link to the primary cut by a proxy, then promoted.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { RedisQueue } from '../../src/app/queue-redis.js';
import { NotReplicated } from '../../src/app/queue-redis-replication.js';
import { job, Recorder, waitUntil } from './support/queue-contract.js';
import { useReplicatedRedis } from './support/replicated-redis.js';

const redis = useReplicatedRedis();

function queueOn(url: string, prefix: string, recorder: Recorder): RedisQueue {
  return new RedisQueue(recorder, {
    url,
    prefix,
    concurrency: 1,
    commandTimeoutMs: 2_000,
    replicasToAcknowledge: 1,
    pollMs: 100,
  });
}

it('counts a job queued only once a replica has it: refused when none does, so a failover loses no answered delivery', async () => {
  const prefix = `test-${randomUUID()}`;
  const onPrimary = queueOn(redis.primary.url, prefix, new Recorder());
  const afterFailover = new Recorder();
  let onReplica: RedisQueue | undefined;
  const kept = job(1, 'a');
  const unreplicated = job(2, 'b');
  try {
    // While the replica follows, the add is acknowledged: queued.
    await expect(onPrimary.enqueue(kept)).resolves.toBe('queued');
    // The link to the replica is cut: the primary takes the add, no replica acknowledges it.
    redis.link.cut();
    const refusal = await onPrimary.enqueue(unreplicated).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(NotReplicated);
    expect((refusal as NotReplicated).message).toContain('0 of the 1 Redis replicas');

    // The primary is lost; the replica is promoted, without the job the primary took last.
    const admin = new Redis(redis.replica.url);
    await admin.replicaof('NO', 'ONE');
    admin.disconnect();
    onReplica = new RedisQueue(afterFailover, {
      url: redis.replica.url,
      prefix,
      concurrency: 1,
      pollMs: 100,
    });
    // GitHub's redelivery of the refused delivery queues its job anew; the acknowledged one was kept.
    await expect(onReplica.enqueue(unreplicated)).resolves.toBe('queued');
    await expect(onReplica.enqueue(kept)).resolves.toBe('duplicate');
    await waitUntil(() => afterFailover.started('2@b'), 'the redelivered job runs on the new primary');
    afterFailover.release('2@b');
  } finally {
    redis.link.heal();
    await Promise.all([onPrimary.close(500), onReplica?.close(500)]);
  }
}, 60_000);
