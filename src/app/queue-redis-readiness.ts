/**
 * Whether the Redis queue can take a job now (`/readyz`: a load balancer sends webhooks only to a
 * replica that says so, and GitHub does not retry a delivery the replica then fails). A PING is not
 * enough: a Redis that answers it may refuse every write — a read-only replica (a failover left the
 * app's address on one), memory full under `noeviction`, `min-replicas-to-write` unmet, a failed
 * snapshot under `stop-writes-on-bgsave-error` — and every job's admission is such a write. So the
 * probe is one, through a script as the admission is: one small key, shared by the replicas, kept a
 * minute.
 */
import { ReplyError } from 'ioredis';
import type { Redis } from 'ioredis';
import type { Readiness } from './queue.js';
import { READY } from './queue.js';
import type { LaneCommands } from './queue-redis-scripts.js';

const PROBE_KEEP_MS = 60_000;

/** The probe's key, under the queue's prefix. */
export function probeKey(prefix: string): string {
  return `${prefix}:probe:ready`;
}

/** `redis` takes a write now; if not, why, as Redis said it (its error) or as the client did. */
export async function writeReadiness(redis: Redis & LaneCommands, key: string): Promise<Readiness> {
  try {
    await redis.probe(key, new Date().toISOString(), PROBE_KEEP_MS);
    return READY;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An error reply: Redis is up, and its first word says what it refuses (READONLY, OOM, …).
    if (error instanceof ReplyError)
      return { ready: false, reason: `Redis refuses the queue's writes: ${message}` };
    return { ready: false, reason: `Redis is unreachable (${message})` };
  }
}
