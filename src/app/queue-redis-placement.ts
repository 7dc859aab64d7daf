/**
 * Where a job queued in Redis has its keys (queue-redis.ts). Jobs carry their repository's id, and
 * every key of their lane is named by it (jobs.ts `laneOf`). A job a replica of the version before
 * queued does not (a rolling upgrade: replicas of both versions share one Redis): it was admitted
 * under its pull request's name lane (`owner/repo#n`, jobs.ts `nameLaneOf`), where its hold, sequence
 * number and latest head stay; it runs in its id's lane, the id read from GitHub first — never in a
 * lane of its name, where it could run beside a job of the same pull request queued under another
 * name.
 */
import type { JobDescriptor } from './jobs.js';
import { isRepositoryId, laneOf, nameLaneOf, NoRepositoryId } from './jobs.js';
import type { PendingMarks } from './queue-give-up.js';
import type { Redis } from 'ioredis';
import type { LaneCommands } from './queue-redis-scripts.js';
import type { LaneKeys } from './queue-redis-keys.js';
import { KEEP_SECONDS } from './queue-redis-keys.js';

/** A job as BullMQ keeps it: the descriptor and its sequence number in the lane it was admitted under. */
export interface QueuedData {
  job: JobDescriptor;
  seq: number;
  /**
   * The name lane of a job an older replica queued, kept once its id is read (`keptPlacement`): its
   * hold, sequence number and latest head are there, and the id is not read again each time the job
   * comes back to a busy lane.
   */
  admitted?: string;
  /** Set once the job is given up and its marks are still to be written: it comes up to mark them. */
  givenUp?: PendingMarks;
  /** When the job's last wait (a retry's, marks put off) ends, in Redis's clock (queue-redis-due.ts). */
  notBefore?: number;
}

/**
 * Where a queued job's keys are: `admitted`, the lane it was admitted under (its hold, sequence number
 * and latest head); `lane`, the one it runs in (its lease and trail). The same lane but for a job an
 * older replica queued by name; `job` then carries the id read since.
 */
export interface Placement {
  job: JobDescriptor;
  seq: number;
  admitted: string;
  lane: string;
}

/**
 * The job's lanes. One queued without its repository's id gets it from `repositoryIdOf` (GitHub);
 * throws what that throws, or `NoRepositoryId` when there is nothing to read it with.
 */
export async function placementOf(
  { job, seq, admitted }: QueuedData,
  repositoryIdOf: ((job: JobDescriptor) => Promise<number>) | undefined,
): Promise<Placement> {
  if (job.sweep || isRepositoryId(job.repositoryId)) {
    const lane = laneOf(job);
    return { job, seq, admitted: typeof admitted === 'string' ? admitted : lane, lane };
  }
  if (!repositoryIdOf) throw new NoRepositoryId(job);
  const resolved = { ...job, repositoryId: await repositoryIdOf(job) };
  return { job: resolved, seq, admitted: nameLaneOf(job), lane: laneOf(resolved) };
}

/** What BullMQ keeps for a job once its id was read: the id, and the lane it was admitted under. */
export function keptPlacement({ job, seq, admitted, lane }: Placement): QueuedData | undefined {
  return admitted === lane ? undefined : { job, seq, admitted };
}

/**
 * A job admitted under its name lane runs in its id lane: the pushes (and the coalesced-push mark) of
 * the name lane move to the id lane first, in one step (queue-redis-scripts.ts `ADOPT`).
 */
export async function adoptTrail(
  redis: Redis & LaneCommands,
  keys: LaneKeys,
  admitted: string,
  lane: string,
): Promise<void> {
  await redis.adopt(
    keys.trail(admitted),
    keys.orphan(admitted),
    keys.trail(lane),
    keys.orphan(lane),
    KEEP_SECONDS,
  );
}
