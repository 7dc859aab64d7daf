/**
 * How a job on the Redis queue ends for good (queue-redis.ts): a run that threw is retried by BullMQ
 * while it has attempts left, else given up in its lane — its checks marked (`abandoned`), then it is
 * reported failed. Marks GitHub refused for a while are tried again later (queue-give-up.ts): the job
 * goes back to BullMQ's delayed set, its data saying which marks are pending (kept across Redis
 * refusing that write for a moment: `putOff`), and comes up in its lane again to write them
 * (`markAgain`). A job whose lane cannot be told ends here too (`unplaced`).
 */
import type { Job } from 'bullmq';
import { DelayedError, UnrecoverableError } from 'bullmq';
import type { JobDescriptor } from './jobs.js';
import { nameLaneOf } from './jobs.js';
import type { PendingMarks } from './queue-give-up.js';
import { errorOfMarks, firstMarks, markingTry, nextMarking } from './queue-give-up.js';
import type { Placement, QueuedData } from './queue-redis-placement.js';
import type { JobHandlers, Lease, RetryPolicy } from './queue.js';
import { givenUpReason, LeaseLost, retryDelay, worthRetrying } from './queue.js';

/** What ending a job needs of its queue. */
export interface LaneEnding {
  readonly handlers: JobHandlers;
  readonly retry: RetryPolicy;
  /** Frees the job's coalescing key in the lane it was admitted under, if it is still this job's. */
  releaseHold(job: JobDescriptor, admitted: string, id: string): Promise<void>;
  /**
   * Forgets the deliveries the job answers — its own and those coalesced into it — each if it is still
   * this job's: given up, they run again when redelivered (an admin's *Redeliver*), not dropped as
   * duplicates (queue.ts). `unstamped`: its own delivery's key holding no job id (an older replica
   * wrote it) is taken for this job's too.
   */
  forgetDeliveries(
    job: JobDescriptor,
    admitted: string,
    id: string,
    options: { unstamped: boolean },
  ): Promise<void>;
  /** The job's data with a wait of `delayMs` from now recorded in Redis's clock (queue-redis-due.ts). */
  due(data: QueuedData, delayMs: number): Promise<QueuedData>;
  /** The waits between tries of putting marks off that Redis refused (default `PUT_OFF_WAITS_MS`). */
  readonly putOffWaitsMs?: readonly number[];
}

/** A job as its worker holds it: BullMQ's record, and the token of the worker's lock on it. */
export interface HeldJob {
  bullJob: Job;
  token: string | undefined;
}

/**
 * How a run in its lane that threw ends. Given up already — its marks put off (`giveUpInLane`), written
 * for good (`markAgain`), or not kept by Redis (`MarksNotDeferred`) — it is BullMQ's to record as it
 * is: a new failure of the job would give it up anew, its marks starting over. A run whose lease
 * lapsed leaves the lane to its next run (`lost`); any other error is the job's own failure.
 */
export async function thrownInLane(
  ending: LaneEnding,
  placed: Placement,
  held: HeldJob,
  error: unknown,
  { lease, lost }: { lease: Lease; lost: () => Promise<never> },
): Promise<never> {
  // (`MarksNotDeferred` is a `DelayedError`.)
  if (error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
  if (error instanceof LeaseLost || !lease.held()) return lost();
  return failedInLane(ending, placed, held, error, lease);
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
  await givenUpInData(bullJob, marks);
  const refused = await ending.handlers.abandoned?.(job, marks.reason, error, lease, markingTry(marks)).then(
    () => undefined,
    (e: unknown) => e,
  );
  // The job's request is answered no more: one like it is queued anew, not dropped as a duplicate
  // while the marks wait — its very deliveries too (each released only if still this job's). The
  // hold first: no delivery is coalesced into the job once its deliveries are forgotten. A key an
  // older replica wrote names no job: at the first try it is this job's (written when it was queued,
  // a day's TTL), by a later one it may be a redelivery's, taken since by an older replica.
  await ending.releaseHold(job, admitted, bullJob.id!);
  await ending.forgetDeliveries(job, admitted, bullJob.id!, { unstamped: marks.marking === 1 });
  // Put off even while this replica closes (a rolling deploy): the job waits in Redis, and whichever
  // replica is up then writes its marks. Dropped, they would leave its checks as they stood for good.
  const next = nextMarking(ending.retry, marks, refused);
  if (next) {
    await putOff({ bullJob, token }, next, ending);
    throw new DelayedError();
  }
  await ending.handlers.finished(job, { kind: 'failed', error, attempts: marks.attempts });
}

/**
 * Before its first marks are tried, the job's data says it was given up, with them: a takeover while
 * they are written — its replica died, or Redis would not keep the try after them (`MarksNotDeferred`)
 * — then writes them, with why the job was given up, rather than run the job again (and, counted as
 * a second takeover, give it up as "running when its replica stopped"). Redis refusing this write
 * leaves that to happen: the marks are not held back for it.
 */
async function givenUpInData(bullJob: Job, marks: PendingMarks): Promise<void> {
  const data = bullJob.data as QueuedData;
  if (data.givenUp) return;
  await bullJob.updateData({ ...data, givenUp: marks }).catch(() => {});
}

/** The waits between tries of putting marks off that Redis refused (about half a minute in all). */
const PUT_OFF_WAITS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

/**
 * Puts the job back in the delayed set, its data holding the pending marks. Redis refusing those
 * writes for a moment (out of memory, a failover's read-only replica) must not lose what the marks'
 * tries learnt — above all `since`: the job, failing here, would come back as a job to run (or BullMQ
 * would fail it), its marks then starting over as a first try that replaces a verdict a newer job
 * wrote meanwhile. So the marks are kept in this run and the writes tried again, a write Redis took
 * not repeated. When Redis still refuses after the last wait, nothing outside it can keep them:
 * `MarksNotDeferred`, which leaves the job to be taken over once its lock lapses (the data Redis kept
 * says which marks were pending before: that try is made again).
 */
async function putOff(
  { bullJob, token }: HeldJob,
  next: { marks: PendingMarks; delayMs: number },
  ending: LaneEnding,
): Promise<void> {
  const waitsMs = ending.putOffWaitsMs ?? PUT_OFF_WAITS_MS;
  let stored = false;
  for (let tried = 0; ; tried++) {
    try {
      const data = { ...(bullJob.data as QueuedData), givenUp: next.marks };
      if (!stored) await bullJob.updateData(await ending.due(data, next.delayMs));
      stored = true;
      await bullJob.moveToDelayed(Date.now() + next.delayMs, token);
      return;
    } catch (error) {
      const wait = waitsMs[tried];
      if (wait === undefined) throw new MarksNotDeferred(next.marks, error);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Redis did not take the pending marks of a job given up (`putOff`), however long it was tried. A
 * `DelayedError` to BullMQ, which then records nothing of the run: recorded as a failure (BullMQ
 * retries that write until Redis takes it), the job was failed for good and its marks dropped — its
 * check left `in_progress`, or a success standing. Left active instead, its lock no longer renewed,
 * it is taken over once the lock lapses (BullMQ's stalled check), and the marks Redis kept are tried
 * again. BullMQ counts each such takeover as a stall, which therefore fails no job (queue-redis.ts
 * `NO_STALLED_LIMIT`): an outage of any length, or several, ends with the marks written.
 */
export class MarksNotDeferred extends DelayedError {
  override name = 'MarksNotDeferred';
  constructor(
    readonly marks: PendingMarks,
    cause: unknown,
  ) {
    super(
      `Redis did not keep the marks of the job given up still to be tried: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    // BullMQ's DelayedError takes a message only.
    this.cause = cause;
  }
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

/**
 * A job whose lane cannot be told (its repository's id could not be read): retried while it has
 * attempts left, then reported failed — without marking its checks, which no lane guards (and which
 * live in the repository that could not be read). Rethrows, so BullMQ records the attempt.
 */
export async function unplaced(
  ending: LaneEnding,
  job: JobDescriptor,
  bullJob: Job,
  error: unknown,
): Promise<never> {
  const attempts = bullJob.attemptsMade + 1;
  if (attempts < (bullJob.opts.attempts ?? 1) && worthRetrying(error)) {
    ending.handlers.retrying?.(job, error, attempts, retryDelay(ending.retry, attempts, error));
    throw error;
  }
  await ending.releaseHold(job, nameLaneOf(job), bullJob.id!);
  // Queued by a replica older than repository ids, whose delivery keys named no job.
  await ending.forgetDeliveries(job, nameLaneOf(job), bullJob.id!, { unstamped: true });
  await ending.handlers.finished(job, { kind: 'failed', error, attempts });
  throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
}
