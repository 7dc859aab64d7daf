/**
 * What a queue on Redis is told (queue-redis.ts): where Redis is, how many jobs run at once, its
 * timings, and whom it calls when Redis turns out to hold the queue or not.
 */
import type { RetryPolicy } from './queue.js';
import type { ReplicasShare } from './redis-claims.js';

export interface RedisQueueOptions {
  url: string;
  concurrency: number;
  retry?: RetryPolicy;
  /** Key prefix, so several apps (or tests) can share one Redis (default `blueprint-review`). */
  prefix?: string;
  /** How long a running job's locks last without renewal: a dead worker's job is taken over after it. */
  lockMs?: number;
  /** How often workers look for jobs whose worker died (BullMQ's stalled check). */
  stalledIntervalMs?: number;
  /** How often a running review checks for a newer head, and how long a job waits for a busy lane. */
  pollMs?: number;
  /** Longest wait for Redis when enqueueing before the caller fails closed. */
  commandTimeoutMs?: number;
  /**
   * Redis replicas that must acknowledge a job's add before it counts as queued (Redis's `WAIT`;
   * default 0, none: queue-redis-replication.ts). They are given half the command timeout.
   */
  replicasToAcknowledge?: number;
  /**
   * How long a request's admission lasts before its job is known queued (default 10 s;
   * queue-redis-admission.ts). The same in every replica.
   */
  pendingAdmissionMs?: number;
  /**
   * Redis holds none of the queue: a new Redis, or one that lost its data (called in one replica).
   * When what it returns rejects, it is called again, in this replica or another (redis-claims.ts).
   */
  onEmpty?: () => Promise<void> | void;
  /**
   * Redis holds the queue as this replica connects — at start, or back after it was unreachable —
   * (called in every replica that connects), with claims replicas can make in it.
   */
  onKept?: (shared: ReplicasShare) => void;
  /** Redis may evict keys (its `maxmemory-policy`, each time the replica connects): jobs can be lost. */
  onEvictingPolicy?: (policy: string) => void;
  /** How often a replica checks that Redis kept the queue (default a minute; tests shorten it). */
  lossCheckMs?: number;
  /**
   * The waits between tries of putting off the marks of a job given up when Redis refuses the write
   * (default about half a minute in all: queue-redis-give-up.ts; tests shorten it).
   */
  putOffWaitsMs?: readonly number[];
}
