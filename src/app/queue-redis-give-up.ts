/**
 * How a job on the Redis queue ends for good (queue-redis.ts): a run that threw is retried by BullMQ
 * while it has attempts left, else given up in its lane — its checks marked (`abandoned`), then it is
 * reported failed. Marks GitHub refused for a while are tried again later (queue-give-up.ts): the job
 * goes back to BullMQ's delayed set, its data saying which marks are pending, and comes up in its lane
 * again to write them (`markAgain`).
 */
import type { Job } from 'bullmq';
import { DelayedError, UnrecoverableError } from 'bullmq';
import type { JobDescriptor } from './jobs.js';
import type { PendingMarks } from './queue-give-up.js';
import { errorOfMarks, firstMarks, markingTry, nextMarking } from './queue-give-up.js';
import type { Placement, QueuedData } from './queue-redis-placement.js';
import type { JobHandlers, Lease, RetryPolicy } from './queue.js';
import { givenUpReason, retryDelay, worthRetrying } from './queue.js';

/** What ending a job needs of its queue. */
export interface LaneEnding {
  readonly handlers: JobHandlers;
  readonly retry: RetryPolicy;
  /** Frees the job's coalescing key in the lane it was admitted under, if it is still this job's. */
  releaseHold(job: JobDescriptor, admitted: string, id: string): Promise<void>;
}

/** A job as its worker holds it: BullMQ's record, and the token of the worker's lock on it. */
export interface HeldJob {
  bullJob: Job;
  token: string | undefined;
}

/**
 * A run that threw while holding its lease: retried by BullMQ while it has attempts left (and the
 * error is worth retrying), else given up in its lane. Rethrows, so BullMQ records the attempt.
 */
export async function failedInLane(
  ending: LaneEnding,
  placed: Placement,
  held: HeldJob,
  error: unknown,
  lease: Lease,
): Promise<never> {
  const { bullJob } = held;
  const attempts = bullJob.attemptsMade + 1;
  const marks = firstMarks(givenUpReason(error, attempts), attempts, error);
  if (!worthRetrying(error)) {
    // A budget stop: given up now, and BullMQ must not schedule the attempts it has left.
    await giveUpInLane(ending, placed, held, error, marks, lease);
    throw new UnrecoverableError(marks.reason);
  }
  if (attempts >= (bullJob.opts.attempts ?? 1)) {
    await giveUpInLane(ending, placed, held, error, marks, lease);
  } else {
    ending.handlers.retrying?.(placed.job, error, attempts, retryDelay(ending.retry, attempts, error));
  }
  throw error;
}

/**
 * Ends a job for good, in its lane: its checks are marked (`abandoned`), then it is reported failed.
 * Marks GitHub refused for a while are tried again later: the job goes back to the delayed set, saying
 * so in its data, and throws `DelayedError`.
 */
export async function giveUpInLane(
  ending: LaneEnding,
  { job, admitted }: Placement,
  { bullJob, token }: HeldJob,
  error: unknown,
  marks: PendingMarks,
  lease: Lease,
): Promise<void> {
  const refused = await ending.handlers.abandoned?.(job, marks.reason, error, lease, markingTry(marks)).then(
    () => undefined,
    (e: unknown) => e,
  );
  // The job's request is answered no more: one like it is queued anew, not dropped as a duplicate
  // while the marks wait (released only if still this job's).
  await ending.releaseHold(job, admitted, bullJob.id!);
  // Put off even while this replica closes (a rolling deploy): the job waits in Redis, and whichever
  // replica is up then writes its marks. Dropped, they would leave its checks as they stood for good.
  const next = nextMarking(ending.retry, marks, refused);
  if (next) {
    const data: QueuedData = { ...(bullJob.data as QueuedData), givenUp: next.marks };
    await bullJob.updateData(data);
    await bullJob.moveToDelayed(Date.now() + next.delayMs, token);
    throw new DelayedError();
  }
  await ending.handlers.finished(job, { kind: 'failed', error, attempts: marks.attempts });
}

/** A job given up comes up to mark its checks again; once they are, BullMQ records it failed. */
export async function markAgain(
  ending: LaneEnding,
  placed: Placement,
  held: HeldJob,
  marks: PendingMarks,
  lease: Lease,
): Promise<never> {
  await giveUpInLane(ending, placed, held, errorOfMarks(marks), marks, lease);
  throw new UnrecoverableError(marks.reason);
}
