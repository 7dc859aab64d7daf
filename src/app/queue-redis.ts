/**
 * The job queue on Redis (BullMQ), for any number of replicas: the contract of queue.ts across
 * processes. BullMQ gives durable jobs, retries with backoff and stalled-job recovery (a job whose
 * worker died goes back to the queue once its lock expires); what it lacks in its open-source form —
 * one job at a time per pull request, the latest head winning, de-duplication — lives in a few keys
 * of our own next to it:
 *
 * Those keys and what they hold: queue-redis-keys.ts; a job an older replica queued by name:
 * queue-redis-placement.ts; how a job ends for good (retried, given up, its marks tried again):
 * queue-redis-give-up.ts; its settings: queue-redis-options.ts; a job queued only once Redis's
 * replicas have it: queue-redis-replication.ts.
 *
 * The producer's commands time out after `commandTimeoutMs`: when Redis is down, `enqueue` throws
 * within that time and the caller fails closed.
 */
import { randomUUID } from 'node:crypto';
import type { Job, MinimalJob } from 'bullmq';
import { DelayedError, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobDescriptor } from './jobs.js';
import { coalescingOf, followsLatestHead, laneOf, trailFollowUp } from './jobs.js';
import type { Placement, QueuedData } from './queue-redis-placement.js';
import { adoptTrail, keptPlacement, placementOf } from './queue-redis-placement.js';
import { DAY_SECONDS, KEEP_SECONDS, LaneKeys, pushRecord } from './queue-redis-keys.js';
import { redisQueueStats, within } from './queue-redis-stats.js';
import { dueAfter, retryAfter, waitedItsTime } from './queue-redis-due.js';
import type { LaneEnding } from './queue-redis-give-up.js';
import { giveUpInLane, markAgain, thrownInLane, unplaced } from './queue-redis-give-up.js';
import type {
  EnqueueResult,
  JobHandlers,
  JobQueue,
  LatestHead,
  QueueStats,
  Readiness,
  RetryPolicy,
} from './queue.js';
import { CLOSED, DEFAULT_RETRY, isSuperseded, LeaseLost, QueueClosedError, retryDelay } from './queue.js';
import { LaneLease } from './lane-lease.js';
import type { LaneCommands } from './queue-redis-scripts.js';
import { forgetAnswers, withCommands } from './queue-redis-scripts.js';
import type { AdmissionTiming } from './queue-redis-admission.js';
import { admitThenAdd, PENDING_ADMISSION_MS } from './queue-redis-admission.js';
import { SCAN_LEASE_SECONDS, watchForLoss } from './redis-claims.js';
import { watchEvictionPolicy } from './redis-policy.js';
import { probeKey, writeReadiness } from './queue-redis-readiness.js';
import type { Replication } from './queue-redis-replication.js';
import type { RedisQueueOptions } from './queue-redis-options.js';

export type { RedisQueueOptions } from './queue-redis-options.js';
import { replicated } from './queue-redis-replication.js';

const QUEUE_NAME = 'jobs';
/**
 * Takeovers after a replica died mid-job before the job is given up (BullMQ's stalled count), when it
 * comes up to run; pending marks are written whatever the count (a few small writes cannot be what
 * kills replicas, and a lock lapses once per Redis outage that outlasts putting them off:
 * `MarksNotDeferred`). BullMQ's own limit is never reached: past it, BullMQ fails the job without
 * running it — marks dropped, checks left as they stood, nothing logged.
 */
const GIVE_UP_AFTER_TAKEOVERS = 2;
const NO_STALLED_LIMIT = Number.MAX_SAFE_INTEGER;

export class RedisQueue implements JobQueue {
  private readonly producer: Redis & LaneCommands;
  private readonly workerRedis: Redis & LaneCommands;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly retry: RetryPolicy;
  private readonly prefix: string;
  private readonly keys: LaneKeys;
  private readonly lockMs: number;
  private readonly pollMs: number;
  private readonly admission: AdmissionTiming;
  private readonly running = new Map<
    string,
    { job: Job; token: string | undefined; laneKey: string; holder: string; lease: LaneLease }
  >();
  private closed = false;
  private markTimer: NodeJS.Timeout | undefined;
  /** How a job ends for good here (queue-redis-give-up.ts). */
  private readonly ending: LaneEnding;
  /** The replicas a job's add waits for (queue-redis-replication.ts). */
  private readonly replication: Replication;

  constructor(
    private readonly handlers: JobHandlers,
    options: RedisQueueOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.ending = {
      handlers,
      retry: this.retry,
      releaseHold: (job, admitted, id) => this.releaseHold(job, admitted, id, 'any'),
      // Redis refusing it leaves the deliveries duplicates until their keys expire (a day): the job's
      // end must not wait on it, and a new push or a re-run still runs the pull request's jobs.
      forgetDeliveries: (job, admitted, id, { unstamped }) =>
        forgetAnswers(
          this.workerRedis,
          { delivery: this.keys.delivery(job, admitted), answers: this.keys.answers(id) },
          id,
          unstamped ? '1' : '0',
        ).catch(() => {}),
      due: (data, delayMs) => dueAfter(this.workerRedis, data, delayMs),
      ...(options.putOffWaitsMs ? { putOffWaitsMs: options.putOffWaitsMs } : {}),
    };
    this.prefix = options.prefix ?? 'blueprint-review';
    this.keys = new LaneKeys(this.prefix);
    this.lockMs = options.lockMs ?? 30_000;
    // The lease is renewed every poll and trusted for 80% of the lock: polls must come well within it.
    this.pollMs = Math.min(options.pollMs ?? 1_000, this.lockMs / 4);
    const timeout = options.commandTimeoutMs ?? 2_000;
    this.replication = { replicas: options.replicasToAcknowledge ?? 0, timeoutMs: timeout / 2 };
    const pendingMs = options.pendingAdmissionMs ?? PENDING_ADMISSION_MS;
    // A pending admission is confirmed within two of the producer's commands (the add, the confirm)
    // unless its replica was lost: a request met by it waits no longer than that, nor than it lasts.
    this.admission = {
      ttl: DAY_SECONDS,
      keep: KEEP_SECONDS,
      pendingMs,
      waitMs: Math.min(pendingMs, 2 * timeout),
    };
    // The producer answers webhooks: it gives up after `commandTimeoutMs` rather than wait for Redis.
    this.producer = withCommands(
      new Redis(options.url, {
        maxRetriesPerRequest: 1,
        connectTimeout: timeout,
        commandTimeout: timeout,
      }),
    );
    this.producer.on('error', () => {}); // reported through enqueue failures and /readyz
    if (options.onEvictingPolicy) watchEvictionPolicy(this.producer, options.onEvictingPolicy);
    // Workers block on Redis and must keep retrying (BullMQ requires maxRetriesPerRequest: null).
    this.workerRedis = withCommands(new Redis(options.url, { maxRetriesPerRequest: null }));
    this.workerRedis.on('error', () => {});
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.producer,
      prefix: this.prefix,
      // BullMQ asks the version once, as it first connects, and keeps that answer's failure for good: a
      // Redis stalling past the producer's command timeout just then would refuse every add for the
      // replica's life. The worker's connection, which never times out, still checks the version.
      skipVersionCheck: true,
      defaultJobOptions: {
        attempts: this.retry.attempts,
        backoff: { type: 'jittered' },
        removeOnComplete: { age: DAY_SECONDS, count: 1_000 },
        removeOnFail: { age: KEEP_SECONDS, count: 5_000 },
      },
    });
    this.queue.on('error', () => {});
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: this.workerRedis,
      prefix: this.prefix,
      concurrency: options.concurrency,
      lockDuration: this.lockMs,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: NO_STALLED_LIMIT,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob) =>
          retryAfter(this.workerRedis, retryDelay(this.retry, attemptsMade, error), job),
      },
    });
    this.worker.on('error', () => {}); // connection errors: BullMQ reconnects by itself
    if (options.onEmpty || options.onKept)
      this.markTimer = watchForLoss(
        this.producer,
        this.prefix,
        {
          ...(options.onEmpty ? { onEmpty: options.onEmpty } : {}),
          ...(options.onKept ? { onKept: options.onKept } : {}),
          closed: () => this.closed,
        },
        ...(options.lossCheckMs
          ? [{ checkMs: options.lossCheckMs, scanLeaseSeconds: SCAN_LEASE_SECONDS }]
          : []),
      );
  }

  async enqueue(job: JobDescriptor): Promise<EnqueueResult> {
    if (this.closed) throw new QueueClosedError();
    const lane = laneOf(job);
    const id = randomUUID();
    const admission = this.keys.admission(job, lane, id);
    return admitThenAdd(
      this.producer,
      admission,
      this.admission,
      (seq) => {
        const data: QueuedData = { job, seq };
        return this.queue.add(job.kind, data, { jobId: id });
      },
      // On the producer's connection, as the add and the confirm were: WAIT counts what it wrote.
      () => replicated(this.producer, this.replication),
    );
  }

  private async process(bullJob: Job, token: string | undefined): Promise<void> {
    await waitedItsTime(this.workerRedis, bullJob, token);
    const data = bullJob.data as QueuedData;
    const id = bullJob.id!;
    let placed: Placement;
    try {
      const { repositoryIdOf } = this.handlers;
      placed = await placementOf(data, repositoryIdOf && ((job) => repositoryIdOf.call(this.handlers, job)));
      const kept = data.admitted === undefined && keptPlacement(placed);
      if (kept) await bullJob.updateData(kept);
    } catch (error) {
      return await unplaced(this.ending, data.job, bullJob, error);
    }
    const { job, seq, admitted, lane } = placed;
    const laneKey = this.keys.lane(lane);
    // A job given up marks its checks whatever came after it: its check must not stay in progress.
    if (!data.givenUp && isSuperseded(job, seq, await this.latest(admitted))) {
      await this.releaseHold(job, admitted, id, 'any');
      await this.handlers.finished(job, { kind: 'skipped' });
      return;
    }
    const holder = `${id}:${randomUUID()}`;
    const lease = await this.takeLane(laneKey, holder);
    if (!lease) {
      // Another job of this pull request runs (here or in another replica), or a run of this one whose
      // lease has not run out: come back shortly.
      await bullJob.moveToDelayed(Date.now() + Math.round(this.pollMs * (0.5 + Math.random())), token);
      throw new DelayedError();
    }
    await this.releaseHold(job, admitted, id, 'start');
    if (admitted !== lane) await adoptTrail(this.workerRedis, this.keys, admitted, lane);
    const trail = await this.workerRedis.lrange(this.keys.trail(lane), 0, -1);
    const controller = new AbortController();
    const watch = this.watch(job, seq, { admitted, laneKey, holder, lease }, controller);
    this.running.set(id, { job: bullJob, token, laneKey, holder, lease });
    try {
      if (data.givenUp) return await markAgain(this.ending, placed, { bullJob, token }, data.givenUp, lease);
      await this.runInLane(bullJob, token, placed, trail, lease, controller.signal);
    } catch (error) {
      const lost = () => this.leaseLost(job, bullJob, token);
      return await thrownInLane(this.ending, placed, { bullJob, token }, error, { lease, lost });
    } finally {
      clearInterval(watch);
      this.running.delete(id);
      await this.workerRedis.release(laneKey, holder).catch(() => {});
    }
  }

  /**
   * Runs the job whose lane this run holds, with the pushes its lane's `trail` holds; once done, those
   * pushes leave the trail and the job's end is reported. Throws what the run threw.
   */
  private async runInLane(
    bullJob: Job,
    token: string | undefined,
    placed: Placement,
    trail: string[],
    lease: LaneLease,
    signal: AbortSignal,
  ): Promise<void> {
    const { job, lane } = placed;
    const id = bullJob.id!;
    if (bullJob.stalledCounter >= GIVE_UP_AFTER_TAKEOVERS) {
      // Its replica died mid-job each time it ran (a job that exhausts memory would take down every
      // replica in turn): not run again; given up in its lane, so no newer verdict is overwritten.
      // (A takeover while its marks were written is no run: the job's data says it was given up.)
      const reason = `the job was taken over ${bullJob.stalledCounter} times from a replica that stopped (out of memory, a crash) or lost Redis while it ran it; it is not tried again: push again or re-run the check`;
      const marks = { reason, attempts: bullJob.stalledCounter + 1, marking: 1 };
      await giveUpInLane(this.ending, placed, { bullJob, token }, new Error(reason), marks, lease);
      return;
    }
    const outcome = await this.handlers.run({ ...job, trail: trail.flatMap(pushRecord) }, signal, lease);
    // What it did not get to write, and its trail, are for the lane's next run (process's catch).
    if (!lease.held()) throw new LeaseLost();
    await this.releaseHold(job, placed.admitted, id, 'end');
    // After the hold is gone (a push now queues its own job), so no coalesced push is missed.
    const orphaned = await this.workerRedis.recorded(this.keys.trail(lane), this.keys.orphan(lane), ...trail);
    if (orphaned === 1) await this.enqueue(trailFollowUp(job)).catch(() => {}); // refused while closing
    await this.handlers.finished(job, { kind: 'done', outcome });
  }

  /**
   * While a run runs: its lease is renewed, and it is aborted once the lease lapses (its requests are
   * refused from then on: stopping it frees its thread sooner) or, for a job that follows the latest
   * head, once a newer head is queued in its lane.
   */
  private watch(
    job: JobDescriptor,
    seq: number,
    run: { admitted: string; laneKey: string; holder: string; lease: LaneLease },
    controller: AbortController,
  ): NodeJS.Timeout {
    const { admitted, laneKey, holder, lease } = run;
    return setInterval(() => {
      void lease.renew(() => this.workerRedis.renew(laneKey, holder, this.lockMs));
      if (!lease.held()) controller.abort();
      if (followsLatestHead(job))
        void this.latest(admitted).then(
          (latest) => isSuperseded(job, seq, latest) && controller.abort(),
          () => {},
        );
    }, this.pollMs);
  }

  /** The lane's lease for this run, when no other run holds the lane. */
  private async takeLane(laneKey: string, holder: string): Promise<LaneLease | undefined> {
    const sent = performance.now();
    const taken = await this.workerRedis.set(laneKey, holder, 'PX', this.lockMs, 'NX');
    return taken === 'OK' ? new LaneLease(this.lockMs, sent) : undefined;
  }

  /**
   * The run's lease ran out while it ran: it wrote nothing since (its requests were refused), and
   * leaves the trail and its checks to the lane's next run. When BullMQ still counts the job as this
   * worker's (its lock outlived the lane's), it runs again shortly; when another replica took it
   * over, or Redis lost it, moving it fails and there is nothing to do.
   */
  private async leaseLost(job: JobDescriptor, bullJob: Job, token: string | undefined): Promise<never> {
    this.handlers.leaseLost?.(job);
    await bullJob.moveToDelayed(Date.now() + this.pollMs, token).catch(() => {});
    throw new DelayedError();
  }

  private async latest(lane: string): Promise<LatestHead | undefined> {
    const value = await this.workerRedis.get(this.keys.latest(lane));
    if (!value) return undefined;
    const [seq, headSha] = value.split(' ');
    return { seq: Number(seq), headSha: headSha ?? '' };
  }

  /**
   * Frees the job's coalescing key (in the lane it was admitted under) when its `until` comes (`any`:
   * the job ends without running).
   */
  private async releaseHold(
    job: JobDescriptor,
    admitted: string,
    id: string,
    moment: 'start' | 'end' | 'any',
  ): Promise<void> {
    const coalescing = coalescingOf(job);
    if (!coalescing || (moment !== 'any' && coalescing.until !== moment)) return;
    await this.workerRedis.release(this.keys.hold(admitted, coalescing.key), id).catch(() => {});
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stats(): Promise<QueueStats> {
    return redisQueueStats(this.queue, 2_000);
  }

  async ready(): Promise<Readiness> {
    if (this.closed) return CLOSED;
    return writeReadiness(this.producer, probeKey(this.prefix));
  }

  async close(graceMs: number): Promise<JobDescriptor[]> {
    this.closed = true;
    clearInterval(this.markTimer);
    const finished = await within(
      this.worker.close().then(() => true),
      graceMs,
    );
    const handedBack: JobDescriptor[] = [];
    if (!finished) {
      // Hand the unfinished jobs back at once rather than after their locks expire. Their leases end
      // first: the lane is free for another replica at once, and until the process exits a job
      // handed back must not write beside the run that took it over.
      for (const { job, token, laneKey, holder, lease } of this.running.values()) {
        lease.end();
        const data = (job.data as QueuedData).job;
        await within(
          Promise.allSettled([job.moveToWait(token), this.workerRedis.release(laneKey, holder)]),
          2_000,
        );
        handedBack.push(data);
      }
      await within(this.worker.close(true), 2_000);
    }
    // With Redis gone, BullMQ's closing handshakes never end: bounded, then the sockets are cut.
    await within(this.queue.close(), 2_000);
    this.producer.disconnect();
    this.workerRedis.disconnect();
    return handedBack;
  }
}
