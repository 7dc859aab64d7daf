/**
 * Redis replicates asynchronously: a primary acknowledges a write before any replica has it. A
 * failover to a replica that had not received a just-added job loses it — and nothing finds out:
 * the delivery was answered, and the queue's "alive" key, written long before, survived the
 * failover, so no recovery scan runs either. With `replicas` set, each job's add is followed by
 * `WAIT replicas timeout`: unless that many replicas have everything this connection wrote, the job
 * counts as not queued (`NotReplicated`) — its checks are marked delayed, the delivery is answered
 * with an error, so GitHub's delivery record keeps it failed and the redelivery scan delivers it
 * again (redelivery.ts). Should the primary survive, the job runs as well: twice in all, and a run is
 * idempotent; a review lost is what this is for.
 */
import type { Redis } from 'ioredis';
import { wholeNumberSetting } from './env-setting.js';

/** The replicas to wait for, and how long (`WAIT`'s own timeout, within the connection's command timeout). */
export interface Replication {
  replicas: number;
  timeoutMs: number;
}

/** Fewer replicas than asked acknowledged the job's add in time: it may not survive a failover. */
export class NotReplicated extends Error {
  override readonly name = 'NotReplicated';
  constructor(
    readonly acknowledged: number,
    readonly asked: number,
  ) {
    super(
      `the job was added, but ${acknowledged} of the ${asked} Redis replicas asked for acknowledged it in time: a failover could lose it, so it counts as not queued`,
    );
  }
}

/** Waits until `replication.replicas` replicas have every write `redis` made; throws `NotReplicated` if they do not in time. */
export async function replicated(redis: Redis, replication: Replication | undefined): Promise<void> {
  if (!replication || replication.replicas === 0) return;
  const acknowledged = await redis.wait(replication.replicas, replication.timeoutMs);
  if (acknowledged < replication.replicas) throw new NotReplicated(acknowledged, replication.replicas);
}

export const WAIT_REPLICAS_ENV = 'BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS';

/** The replicas to wait for from the environment: a whole number, 0 (or unset) for none; undefined if invalid. */
export function replicasFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const setting = wholeNumberSetting(env, WAIT_REPLICAS_ENV, 0);
  return setting.kind === 'ok' ? setting.value : setting.kind === 'unset' ? 0 : undefined;
}

/** The setting's problem, if it has one (`npm start` refuses it rather than run without the wait asked for). */
export function invalidReplicasSetting(env: NodeJS.ProcessEnv): string[] {
  const setting = wholeNumberSetting(env, WAIT_REPLICAS_ENV, 0);
  return setting.kind === 'invalid' ? [setting.problem] : [];
}
