/**
 * Queuing a request on Redis is two commands: its admission (`ADMIT`, queue-redis-scripts.ts: is it a
 * duplicate, does a queued job already answer it) and the BullMQ job's add. They cannot be one: BullMQ
 * adds a job through scripts of its own. So the admission must not outlive the job it admits: its
 * delivery and coalescing keys are written *pending* (`pendingMs`), and last their day only once the
 * job is added. A replica lost between the two (Redis cut off from it, the replica killed) leaves keys
 * that lapse within seconds — else GitHub's redelivery of the failed delivery would be answered
 * "duplicate", and later events of the pull request coalesce into a job that does not exist, for a
 * day: the review lost.
 *
 * A request that finds such a key waits for it to be confirmed or to lapse, a few seconds at most
 * (`waitMs`); after that it is refused (`AdmissionPending`) like any request the queue cannot take
 * (its checks marked delayed, the delivery failed so it is redelivered, or the job offered again):
 * never answered "duplicate" of a job that may not exist.
 */
import type { Redis } from 'ioredis';
import type { Admission, AdmissionTimes, LaneCommands } from './queue-redis-scripts.js';
import { admitDelivery } from './queue-redis-scripts.js';
import type { EnqueueResult } from './queue.js';

/** How long an admission stays pending at most (`AdmissionTiming.pendingMs`) by default. */
export const PENDING_ADMISSION_MS = 10_000;
/** How often a request waiting on a pending admission asks again. */
const PENDING_POLL_MS = 50;

export interface AdmissionTiming extends AdmissionTimes {
  /** How long a request waits for a pending admission of its delivery or coalescing key. */
  waitMs: number;
}

/** The request's delivery or coalescing key was still an admission whose job is not known queued. */
export class AdmissionPending extends Error {
  constructor(readonly holder: string) {
    super(`the request waits on the admission of job ${holder}, not yet known queued: offered again later`);
    this.name = 'AdmissionPending';
  }
}

/**
 * Admits `admission` and, unless it is a duplicate, adds its job (`add`, with the lane's sequence);
 * the admission is confirmed once the job is added, and undone (best effort) when the add fails —
 * or when, added and confirmed, the job is not `durable` (replicas did not acknowledge it:
 * queue-redis-replication.ts), which throws.
 */
export async function admitThenAdd(
  redis: Redis & LaneCommands,
  admission: Admission,
  timing: AdmissionTiming,
  add: (seq: number) => Promise<unknown>,
  durable: () => Promise<void> = async () => {},
): Promise<EnqueueResult> {
  const [state, seq] = await admittedOnceSettled(redis, admission, timing);
  if (state === 'duplicate') return 'duplicate';
  const { delivery, hold, id } = admission;
  const keys = hold ? [delivery, hold] : [delivery];
  const undo = () => Promise.allSettled(keys.map((key) => redis.release(key, id)));
  try {
    await add(seq);
  } catch (error) {
    // Not queued after all: a redelivery or a new request must not be taken for a duplicate. Should
    // Redis refuse this too, the keys lapse by themselves (`pendingMs`).
    await undo();
    throw error;
  }
  // The job is queued whatever this answers: refused, the keys lapse, and a redelivery after that
  // queues the job again (it runs twice, and a run is idempotent) rather than none.
  await redis.confirm(keys.length, ...keys, id, timing.ttl).catch(() => {});
  try {
    // After the confirm, so a replica that has the job has its confirmed admission too.
    await durable();
  } catch (error) {
    // Queued here, but a failover may lose it: the delivery fails, and its redelivery must queue the
    // job anew rather than be taken for a duplicate (should the job survive, it runs twice).
    await undo();
    throw error;
  }
  return 'queued';
}

/** `ADMIT`, asked again while the key it met is pending, for `waitMs` at most. */
async function admittedOnceSettled(
  redis: LaneCommands,
  admission: Admission,
  timing: AdmissionTiming,
): Promise<['queued' | 'duplicate', number]> {
  const deadline = performance.now() + timing.waitMs;
  for (;;) {
    const answer = await admitDelivery(redis, admission, timing);
    if (answer[0] !== 'pending') return answer;
    if (performance.now() >= deadline) throw new AdmissionPending(answer[1]);
    await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
  }
}
