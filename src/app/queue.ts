/**
 * The job queue: webhooks are answered at once (GitHub waits 10 s and does not retry by itself) and
 * the work runs here. One interface, two backends with the same contract (test/app/queue-contract.ts):
 * the in-process queue below (the default: one process, no Redis) and BullMQ on Redis
 * (`queue-redis.ts`: any number of replicas). The contract:
 *
 * - at most `concurrency` jobs run at a time in a process; jobs of one lane (a pull request) never run
 *   at the same time;
 * - the latest head wins: a review requested for a new head supersedes the lane's older reviews —
 *   a queued one is skipped, a running one is told to stop through its AbortSignal;
 * - a delivery is taken once per lane and kind (`X-GitHub-Delivery`), and requests one queued job
 *   already answers are dropped (`coalescingOf` in jobs.ts);
 * - no push is lost to either: each delivery's push joins the lane's trail, which the next job of the
 *   lane to start is handed (`JobDescriptor.trail`) and records; it is forgotten once that job has
 *   succeeded. A push coalesced into a job already running is recorded by a sign-off evaluation
 *   queued after it (`trailFollowUp`);
 * - a job that throws is retried with exponential backoff (no sooner than a rate limit it met asked:
 *   `retryDelay`), then reported as failed — except a job stopped by its budget (`JobStopped`),
 *   given up at once: it would take as long again.
 */
import type { JobDescriptor, JobOutcome, PushRecord } from './jobs.js';
import { JobStopped } from './job-budget.js';
import { waitAskedFor } from './retry-wait.js';
import type { PendingMarks } from './queue-give-up.js';
import { markAgainAfter } from './queue-give-up.js';
import { coalescingOf, followsLatestHead, laneOf, pushRecordOf, trailFollowUp } from './jobs.js';

export type EnqueueResult = 'queued' | 'duplicate';

/** How a job ended: it ran, it was skipped (a newer head arrived first), or it failed for good. */
export type JobResult =
  | { kind: 'done'; outcome: JobOutcome }
  | { kind: 'skipped' }
  | { kind: 'failed'; error: unknown; attempts: number };

/**
 * A running job's claim on its lane. In process it always holds; with Redis it is a lease that
 * lapses when its replica stops renewing it (frozen, cut off from Redis) and passes to another job
 * once it has run out. A job whose lease does not hold must not act on GitHub: what it would write
 * may be older than what the lane's newer job wrote, and check runs have no conditional write.
 */
export interface Lease {
  held(): boolean;
}

/** A request of a job whose lease no longer holds: refused before it leaves the process. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
  constructor() {
    super(
      "the job's lease on its pull request ran out (its replica was paused or lost Redis): another job of the pull request may run, so this one writes nothing more",
    );
  }
}

export interface JobHandlers {
  /** `lease`: with Redis, the job's claim on its lane; every GitHub request of the job must check it. */
  run(job: JobDescriptor, signal: AbortSignal, lease?: Lease): Promise<JobOutcome>;
  /** Called once per job when it ends (logs, metrics, follow-up jobs). */
  finished(job: JobDescriptor, result: JobResult): void | Promise<void>;
  /** A failed attempt that will be retried after `delayMs`. */
  retrying?(job: JobDescriptor, error: unknown, attempt: number, delayMs: number): void;
  /**
   * A job given up: its last attempt threw, or (with Redis) its replica died mid-job too often, as
   * when the job itself makes it run out of memory. Its checks must not stay `in_progress`, nor keep
   * a verdict the job was meant to replace. Called while the job still holds its lane (no other job
   * of the pull request runs meanwhile, so nothing newer is overwritten); `finished` follows, with
   * the job failed. `error` is what the last attempt threw (a `JobStopped` has checks of its own).
   * Rejecting with `MarksNotWritten` (GitHub refused some marks for a while) has the queue call it
   * again later, in the job's lane (queue-give-up.ts); `finished` follows the last call.
   */
  abandoned?(job: JobDescriptor, reason: string, error: unknown, lease?: Lease): Promise<void>;
  /** With Redis: the job's lease ran out while it ran; it stopped writing, and runs again unless another replica took it over. */
  leaseLost?(job: JobDescriptor): void;
  /**
   * With Redis: the id of the repository of a job an older replica queued without it (jobs.ts
   * `repositoryId`), read from GitHub, so the job runs in its pull request's lane. Without it, such a
   * job is refused (jobs.ts `NoRepositoryId`).
   */
  repositoryIdOf?(job: JobDescriptor): Promise<number>;
}

export interface QueueStats {
  waiting: number;
  running: number;
  /** Waiting for a retry (or, with Redis, for a busy lane). */
  delayed: number;
  /** Age of the oldest job not yet started, 0 when none waits. */
  oldestWaitingSeconds: number;
}

export interface JobQueue {
  enqueue(job: JobDescriptor): Promise<EnqueueResult>;
  /** Resolves when no job is waiting or running (tests, benchmarks). */
  idle(): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Whether the queue can take jobs (Redis reachable, when there is one). */
  ready(): Promise<boolean>;
  /**
   * Stops taking jobs and waits up to `graceMs` for the running ones. With Redis, jobs not finished
   * by then are handed back (another replica takes them over); in process they are lost (their
   * checks stay as they were until a new push or a re-run). Resolves with those jobs.
   */
  close(graceMs: number): Promise<JobDescriptor[]>;
}

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each further one doubles, with jitter. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, backoffMs: 2_000 };

/** Exponential backoff with "equal" jitter: half fixed, half random, so retries do not align. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = policy.backoffMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * When a job that threw `error` on its `attempt` runs again: after its backoff, and no sooner than a
 * rate limit asked (retry-wait.ts) — an attempt inside the limit would fail as the last one did.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random = Math.random,
): number {
  return Math.max(backoffDelay(policy, attempt, random), waitAskedFor(error));
}

/**
 * Whether a job that threw this is worth another attempt. A budget stop is not: the same content
 * takes as long (or as much memory) again, and each attempt would hold a thread for the whole budget.
 */
export function worthRetrying(error: unknown): boolean {
  return !(error instanceof JobStopped);
}

/** Why a job whose every attempt threw is given up, for its checks and the log. */
export function givenUpReason(error: unknown, attempts: number): string {
  if (error instanceof JobStopped) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `it failed ${attempts === 1 ? 'once' : `${attempts} times`}, and is not tried again; the last time: ${message}`;
}

export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
  constructor() {
    super('the queue is shutting down and takes no new jobs');
  }
}

/** The latest head a lane was asked to review, and when (a sequence number within the lane). */
export interface LatestHead {
  headSha: string;
  seq: number;
}

/**
 * Whether a review job enqueued at `seq` lost to a newer head: a different head was asked for after
 * it. (A re-run of an older commit asked for after the latest push still runs: the review itself then
 * finds the pull request has moved on.)
 */
export function isSuperseded(job: JobDescriptor, seq: number, latest: LatestHead | undefined): boolean {
  return followsLatestHead(job) && latest !== undefined && latest.seq > seq && latest.headSha !== job.headSha;
}

interface Entry {
  job: JobDescriptor;
  seq: number;
  attempt: number;
  enqueuedAt: number;
  /** Set once the job is given up and its marks are still to be written: it comes up to mark them. */
  givenUp?: PendingMarks & { error: unknown };
}

interface Lane {
  pending: Entry[];
  running?: { entry: Entry; controller: AbortController };
  latest?: LatestHead;
  seq: number;
  /** Coalescing keys of queued or running jobs. */
  held: Set<string>;
  /** Entries waiting for a retry. */
  retrying: number;
  /** Pushes not recorded yet, oldest first. */
  trail: PushRecord[];
  /** A push was coalesced into a job that may already run: the trail needs a job after it. */
  orphaned: boolean;
}

/** Deliveries remembered for de-duplication (GitHub redelivers within minutes to hours). */
const REMEMBERED_DELIVERIES = 20_000;

export interface InProcessQueueOptions {
  concurrency: number;
  retry?: RetryPolicy;
}

export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly deliveries = new Map<string, true>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly retry: RetryPolicy;
  private running = 0;
  private closed = false;
  private waiters: { done: () => boolean; resolve: () => void }[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly options: InProcessQueueOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async enqueue(job: JobDescriptor): Promise<EnqueueResult> {
    if (this.closed) throw new QueueClosedError();
    const laneKey = laneOf(job);
    const delivery = `${job.deliveryId}|${laneKey}|${job.kind}`;
    if (this.deliveries.has(delivery)) return 'duplicate';
    this.remember(delivery);
    const lane = this.lane(laneKey);
    const push = pushRecordOf(job);
    if (push) lane.trail.push(push);
    const coalescing = coalescingOf(job);
    if (coalescing && lane.held.has(coalescing.key)) {
      lane.orphaned ||= push !== undefined;
      return 'duplicate';
    }
    if (coalescing) lane.held.add(coalescing.key);
    const seq = ++lane.seq;
    if (followsLatestHead(job) && !job.force) {
      lane.latest = { headSha: job.headSha, seq };
      const active = lane.running;
      if (active && isSuperseded(active.entry.job, active.entry.seq, lane.latest)) active.controller.abort();
    }
    lane.pending.push({ job, seq, attempt: 1, enqueuedAt: Date.now() });
    this.pump();
    return 'queued';
  }

  idle(): Promise<void> {
    return this.waitFor(() => this.isIdle());
  }

  async stats(): Promise<QueueStats> {
    let waiting = 0;
    let delayed = 0;
    let oldest = Infinity;
    for (const lane of this.lanes.values()) {
      waiting += lane.pending.length;
      delayed += lane.retrying;
      for (const entry of lane.pending) oldest = Math.min(oldest, entry.enqueuedAt);
    }
    const oldestWaitingSeconds = oldest === Infinity ? 0 : (Date.now() - oldest) / 1000;
    return { waiting, running: this.running, delayed, oldestWaitingSeconds };
  }

  async ready(): Promise<boolean> {
    return !this.closed;
  }

  async close(graceMs: number): Promise<JobDescriptor[]> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const drained = this.waitFor(() => this.running === 0);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([drained, timeout]);
    clearTimeout(timer);
    const unfinished = [...this.lanes.values()].flatMap((lane) => [
      ...(lane.running ? [lane.running.entry.job] : []),
      ...lane.pending.map((entry) => entry.job),
    ]);
    return unfinished;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { pending: [], seq: 0, held: new Set(), retrying: 0, trail: [], orphaned: false };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private remember(delivery: string): void {
    this.deliveries.set(delivery, true);
    if (this.deliveries.size > REMEMBERED_DELIVERIES)
      this.deliveries.delete(this.deliveries.keys().next().value!);
  }

  private pump(): void {
    for (const [key, lane] of this.lanes) {
      while (!this.closed && !lane.running && this.running < this.options.concurrency) {
        const entry = lane.pending.shift();
        if (!entry) break;
        const coalescing = coalescingOf(entry.job);
        if (coalescing?.until === 'start' && entry.attempt === 1) lane.held.delete(coalescing.key);
        // A job given up marks its checks whatever came after it: its check must not stay in progress.
        if (!entry.givenUp && isSuperseded(entry.job, entry.seq, lane.latest)) {
          this.release(lane, entry);
          this.handlers.finished(entry.job, { kind: 'skipped' });
          continue;
        }
        this.start(key, lane, entry);
      }
    }
    this.settle();
  }

  private start(key: string, lane: Lane, entry: Entry): void {
    const controller = new AbortController();
    lane.running = { entry, controller };
    this.running++;
    const marks = entry.givenUp;
    const work = marks
      ? this.giveUp(lane, entry, marks.reason, marks.error, marks.marking)
      : this.run(lane, entry, controller.signal);
    void work.finally(() => {
      lane.running = undefined;
      this.running--;
      // A busy lane goes to the back of the line, so one pull request cannot starve the others.
      if (this.lanes.get(key) === lane) {
        this.lanes.delete(key);
        this.lanes.set(key, lane);
      }
      this.pump();
    });
  }

  private run(lane: Lane, entry: Entry, signal: AbortSignal): Promise<void> {
    const trail = [...lane.trail];
    return this.handlers.run({ ...entry.job, trail }, signal).then(
      (outcome) => {
        // Recorded: only pushes that came in meanwhile (appended after these) remain.
        lane.trail.splice(0, trail.length);
        this.release(lane, entry);
        this.followTrail(lane, entry.job);
        this.handlers.finished(entry.job, { kind: 'done', outcome });
      },
      // Awaited: the lane stays held while a job given up has its checks marked.
      (error: unknown) => this.failed(lane, entry, error),
    );
  }

  private async failed(lane: Lane, entry: Entry, error: unknown): Promise<void> {
    if (entry.attempt >= this.retry.attempts || this.closed || !worthRetrying(error))
      return this.giveUp(lane, entry, givenUpReason(error, entry.attempt), error, 1);
    const delayMs = retryDelay(this.retry, entry.attempt, error);
    this.handlers.retrying?.(entry.job, error, entry.attempt, delayMs);
    this.later(lane, { ...entry, attempt: entry.attempt + 1 }, delayMs);
  }

  /**
   * Marks the checks of a job given up (try `marking` of them), then reports it failed; marks GitHub
   * refused for a while are tried again later, the job back in its lane's line (queue-give-up.ts).
   */
  private async giveUp(
    lane: Lane,
    entry: Entry,
    reason: string,
    error: unknown,
    marking: number,
  ): Promise<void> {
    const refused = await this.handlers.abandoned?.(entry.job, reason, error).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The job's request is answered no more: one like it is queued anew, not dropped as a duplicate
    // while the marks wait. Once only: the key may be a newer job's by the next try.
    if (marking === 1) this.release(lane, entry);
    const delayMs = this.closed ? undefined : markAgainAfter(this.retry, marking, refused);
    if (delayMs !== undefined) {
      const givenUp = { reason, error, attempts: entry.attempt, marking: marking + 1 };
      this.later(lane, { ...entry, givenUp }, delayMs);
      return;
    }
    this.handlers.finished(entry.job, { kind: 'failed', error, attempts: entry.attempt });
  }

  /** The entry back in its lane's line after `delayMs`. */
  private later(lane: Lane, entry: Entry, delayMs: number): void {
    lane.retrying++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      lane.retrying--;
      lane.pending.push(entry);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  /** After a job succeeded: a push coalesced into it too late for its trail gets a job of its own. */
  private followTrail(lane: Lane, job: JobDescriptor): void {
    if (!lane.orphaned) return;
    lane.orphaned = false;
    const next = lane.pending.some((e) => !isSuperseded(e.job, e.seq, lane.latest));
    if (lane.trail.length > 0 && !next) void this.enqueue(trailFollowUp(job)).catch(() => {}); // only refused while closing
  }

  /** A job ended: its coalescing key is free again. */
  private release(lane: Lane, entry: Entry): void {
    const coalescing = coalescingOf(entry.job);
    if (coalescing?.until === 'end') lane.held.delete(coalescing.key);
  }

  private isIdle(): boolean {
    return (
      this.running === 0 &&
      this.timers.size === 0 &&
      [...this.lanes.values()].every((l) => l.pending.length === 0)
    );
  }

  private waitFor(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  /** Forgets lanes with nothing left to do and wakes whoever waits for a state of the queue. */
  private settle(): void {
    for (const [key, lane] of this.lanes)
      if (
        !lane.running &&
        lane.pending.length === 0 &&
        lane.retrying === 0 &&
        lane.held.size === 0 &&
        lane.trail.length === 0
      )
        this.lanes.delete(key);
    const ready = this.waiters.filter((w) => w.done());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}
