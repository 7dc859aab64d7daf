/**
 * The queue's own keys on Redis, next to BullMQ's (queue-redis.ts), all under the queue's prefix:
 *
 * - `lane:<pr>`: held by the job running in the lane (value: its job id and a token of this run), with
 *   a TTL renewed while it runs: a lease (lane-lease.ts). A job that finds its lane busy goes back to
 *   the delayed set for a moment (no spinning) — also a job taken over after its replica died: it
 *   waits for the lease of the run that died to run out, so a replica that was only frozen has
 *   stopped writing (its lease lapsed) before the lane's next run starts. A run whose lease ran out
 *   writes nothing more; it runs again unless another replica took its job over.
 * - `seq:<pr>`, `latest:<pr>`: a per-lane sequence number and the latest head asked for with it.
 *   A review that lost to a newer head is skipped when it comes up, and a running one is told to stop
 *   at its next checkpoint: every replica polls the key while a review runs.
 * - `delivery:<id>|<pr>|<kind>` and `hold:<pr>:<key>`: de-duplication by delivery and coalescing of
 *   requests one queued job answers (see `coalescingOf`), each holding that job's id; `answers:<job>`
 *   lists the deliveries coalesced into a job, which it forgets if it is given up (a redelivery then
 *   runs again).
 * - `trail:<pr>`: pushes not recorded yet (a list, oldest first), appended when a delivery is admitted
 *   — also when it is coalesced or later skipped for a newer head — and handed to the next job of
 *   the lane, which records them and then removes them; `orphan:<pr>` says a push was coalesced
 *   into a job that may already run (a sign-off evaluation follows it to record the push).
 *
 * Every key of a pull request is named by its lane (jobs.ts `laneOf`: the repository's id and the
 * pull request's number), never by the repository's name: a job queued under a name the repository
 * has since lost (renamed, transferred) or spelled in another case shares its keys with the jobs queued
 * under the name it has now. A job an older replica queued names no id: queue-redis-placement.ts says
 * where its keys are; it runs in its id's lane once the name lane's trail has moved there. One whose
 * id cannot be read is retried, then reported failed (its repository cannot be read, so neither can
 * its checks be written).
 *
 * - `alive`: whether Redis kept the queue (redis-claims.ts `watchForLoss`): `onEmpty` when it did not,
 *   `onKept` when it did as a replica connects.
 */
import type { JobDescriptor, PushRecord } from './jobs.js';
import { coalescingOf, followsLatestHead, pushRecordOf } from './jobs.js';
import type { Admission } from './queue-redis-scripts.js';

export const DAY_SECONDS = 86_400;
/** How long a lane's sequence, latest head and trail are kept without a new job (and failed jobs). */
export const KEEP_SECONDS = 7 * DAY_SECONDS;

/** The names of a lane's keys, under the queue's prefix. */
export class LaneKeys {
  constructor(private readonly prefix: string) {}

  /** The lease of the job running in the lane. */
  lane(lane: string): string {
    return this.key('lane', lane);
  }

  seq(lane: string): string {
    return this.key('seq', lane);
  }

  latest(lane: string): string {
    return this.key('latest', lane);
  }

  trail(lane: string): string {
    return this.key('trail', lane);
  }

  orphan(lane: string): string {
    return this.key('orphan', lane);
  }

  /** A delivery taken once per lane and kind. */
  delivery(job: Pick<JobDescriptor, 'deliveryId' | 'kind'>, lane: string): string {
    return this.key('delivery', `${job.deliveryId}|${lane}|${job.kind}`);
  }

  /** The deliveries coalesced into the job `id` (named by their keys). */
  answers(id: string): string {
    return this.key('answers', id);
  }

  /** A request's coalescing key (`coalescingOf`), held by the queued job that answers it. */
  hold(lane: string, coalescing: string): string {
    return this.key('hold', `${lane}:${coalescing}`);
  }

  /** What admitting `job` into `lane` as the job `id` names (queue-redis-scripts.ts `admitDelivery`). */
  admission(job: JobDescriptor, lane: string, id: string): Admission {
    const coalescing = coalescingOf(job);
    const push = pushRecordOf(job);
    return {
      delivery: this.delivery(job, lane),
      hold: coalescing ? this.hold(lane, coalescing.key) : undefined,
      seq: this.seq(lane),
      latest: this.latest(lane),
      trail: this.trail(lane),
      orphan: this.orphan(lane),
      answersOf: (holder) => this.answers(holder),
      id,
      head: followsLatestHead(job) && !job.force ? job.headSha : '',
      push: push ? JSON.stringify(push) : '',
    };
  }

  private key(kind: string, rest: string): string {
    return `${this.prefix}:${kind}:${rest}`;
  }
}

/** A push of the trail as stored; anything else (a damaged value) is none. */
export function pushRecord(text: string): PushRecord[] {
  try {
    const value = JSON.parse(text) as Partial<PushRecord>;
    const ok =
      typeof value.headSha === 'string' &&
      typeof value.base === 'string' &&
      typeof value.push?.by === 'string';
    return ok ? [value as PushRecord] : [];
  } catch {
    return [];
  }
}
