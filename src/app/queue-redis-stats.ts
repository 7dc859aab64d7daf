/**
 * What the Redis queue reports of itself (queue.ts `QueueStats`, for /metrics and tests), read from
 * BullMQ's sets — bounded in time, since BullMQ waits for Redis indefinitely and a scrape must not.
 */
import type { Queue } from 'bullmq';
import type { QueueStats } from './queue.js';

/** The queue's counts and the age of its oldest job not yet started; throws when Redis is slow to answer. */
export async function redisQueueStats(queue: Queue, ms: number): Promise<QueueStats> {
  const stats = await within(readStats(queue), ms);
  if (!stats) throw new Error(`Redis did not answer within ${ms / 1000} s`);
  return stats;
}

async function readStats(queue: Queue): Promise<QueueStats> {
  const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
  const [oldestWaiting] = await queue.getJobs(['wait'], 0, 0, true);
  const delayed = await queue.getJobs(['delayed'], 0, 99, true);
  const times = [oldestWaiting, ...delayed].flatMap((j) => (j ? [j.timestamp] : []));
  const oldest = times.length > 0 ? Math.min(...times) : undefined;
  return {
    waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
    running: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    oldestWaitingSeconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
  };
}

/** Resolves with the promise's value, or `undefined` once `ms` have passed (the promise runs on). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
