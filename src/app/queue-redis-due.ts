/**
 * When a delayed job is due, in Redis's clock. BullMQ dates a delayed job by the clock of the replica
 * that delays it, and a replica fetching jobs promotes every delayed job its own clock says is due: a
 * replica whose clock runs minutes ahead (NTP broken, a VM restored) would run at once a job GitHub
 * asked to wait — a rate limit's `retry-after` — spending its attempts inside the limit, and the job
 * given up would be refused the very writes that say so. So a wait that matters (a retry, marks put
 * off) is also written into the job's data as the time it ends in Redis's clock, the one clock every
 * replica shares; a job fetched before that time goes back to wait what is left (no attempt spent).
 * Waits for a busy lane are not recorded: coming up early there costs one look at the lane.
 */
import type { Job, MinimalJob } from 'bullmq';
import { DelayedError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueuedData } from './queue-redis-placement.js';

/** Redis's time, in ms since the epoch. */
export async function redisNow(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
}

/**
 * The job's data with its wait of `delayMs` from now recorded as ending in Redis's clock; the data as
 * it was when Redis cannot tell its time (the wait then rests on the clocks, as BullMQ's own).
 */
export async function dueAfter(redis: Redis, data: QueuedData, delayMs: number): Promise<QueuedData> {
  const now = await redisNow(redis).catch(() => undefined);
  return now === undefined ? data : { ...data, notBefore: now + delayMs };
}

/** `delayMs`, the wait before the job's retry (BullMQ's backoff), once recorded in its data. */
export async function retryAfter(
  redis: Redis,
  delayMs: number,
  job: MinimalJob | undefined,
): Promise<number> {
  const data = job?.data as QueuedData | undefined;
  if (job && data) await job.updateData(await dueAfter(redis, data, delayMs)).catch(() => {});
  return delayMs;
}

/**
 * Throws `DelayedError` after putting the job back for the rest of its wait when it came up before
 * its time in Redis's clock (a replica with a clock ahead promoted it); returns when it is due, or
 * when Redis cannot tell its time (whatever the job does next needs Redis anyway).
 */
export async function waitedItsTime(redis: Redis, bullJob: Job, token: string | undefined): Promise<void> {
  const { notBefore } = bullJob.data as QueuedData;
  if (notBefore === undefined) return;
  const now = await redisNow(redis).catch(() => undefined);
  if (now === undefined || now >= notBefore) return;
  // BullMQ dates it by this replica's clock: a replica whose clock is behind promotes it later, never
  // sooner than it is due.
  await bullJob.moveToDelayed(Date.now() + (notBefore - now), token);
  throw new DelayedError();
}
