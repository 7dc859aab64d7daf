/**
 * The in-process job queue (queue.ts has the contract both backends keep): the default, for one
 * process without Redis. Lanes, de-duplication and the trail of pushes live in this process's memory;
 * a crash loses them (recovery.ts looks on GitHub for what was left unfinished).
 */
import type { JobDescriptor, PushRecord } from './jobs.js';
import { coalescingOf, followsLatestHead, laneOf, pushRecordOf, trailFollowUp } from './jobs.js';
import type { PendingMarks } from './queue-give-up.js';
import { firstMarks, markingTry, nextMarking } from './queue-give-up.js';
import type {
  EnqueueResult,
  JobHandlers,
  JobQueue,
  LatestHead,
  QueueStats,
  Readiness,
  RetryPolicy,
} from './queue.js';
import {
  DEFAULT_RETRY,
  CLOSED,
  READY,
  givenUpReason,
  isSuperseded,
  QueueClosedError,
  retryDelay,
  worthRetrying,
} from './queue.js';

interface Entry {
  job: JobDescriptor;
  seq: number;
  attempt: number;
  enqueuedAt: number;
  /** Set once the job is given up and its marks are still to be written: it comes up to mark them. */
  givenUp?: PendingMarks & { error: unknown };
  /**
   * The deliveries this job answers: its own, and those of requests coalesced into it (shared by the
   * entry's copies for its retries and marks; `Lane.held` names it by the coalescing key it holds).
   */
  answers: Set<string>;
}

interface Lane {
  pending: Entry[];
  running?: { entry: Entry; controller: AbortController };
  latest?: LatestHead;
  seq: number;
  /** Coalescing keys of queued or running jobs, and the deliveries the job holding each answers. */
  held: Map<string, Set<string>>;
  /** Entries waiting for a retry. */
  retrying: number;
  /** Pushes not recorded yet, oldest first. */
  trail: PushRecord[];
  /** A push was coalesced into a job that may already run: the trail needs a job after it. */
  orphaned: boolean;
}

/** Deliveries remembered for de-duplication (GitHub redelivers within minutes to hours). */
const REMEMBERED_DELIVERIES = 20_000;

/** A delivery as it is taken: once per lane and kind. */
function deliveryOf(job: JobDescriptor): string {
  return `${job.deliveryId}|${laneOf(job)}|${job.kind}`;
}

export interface InProcessQueueOptions {
  concurrency: number;
  retry?: RetryPolicy;
}

export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly deliveries = new Map<string, true>();
  /** Entries waiting to come back into their lane's line (a retry, the marks of a job given up). */
  private readonly timers = new Map<NodeJS.Timeout, Entry>();
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
    const delivery = deliveryOf(job);
    if (this.deliveries.has(delivery)) return 'duplicate';
    this.remember(delivery);
    const lane = this.lane(laneKey);
    const push = pushRecordOf(job);
    if (push) lane.trail.push(push);
    const coalescing = coalescingOf(job);
    const answering = coalescing && lane.held.get(coalescing.key);
    if (answering) {
      lane.orphaned ||= push !== undefined;
      answering.add(delivery);
      return 'duplicate';
    }
    const answers = new Set([delivery]);
    if (coalescing) lane.held.set(coalescing.key, answers);
    const seq = ++lane.seq;
    if (followsLatestHead(job) && !job.force) {
      lane.latest = { headSha: job.headSha, seq };
      const active = lane.running;
      if (active && isSuperseded(active.entry.job, active.entry.seq, lane.latest)) active.controller.abort();
    }
    lane.pending.push({ job, seq, attempt: 1, enqueuedAt: Date.now(), answers });
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

  async ready(): Promise<Readiness> {
    return this.closed ? CLOSED : READY;
  }

  async close(graceMs: number): Promise<JobDescriptor[]> {
    this.closed = true;
    // Dropped, as the jobs in line are: named with them (the caller logs them lost).
    const waiting = [...this.timers.values()].map((entry) => entry.job);
    for (const timer of this.timers.keys()) clearTimeout(timer);
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
    return [...unfinished, ...waiting];
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { pending: [], seq: 0, held: new Map(), retrying: 0, trail: [], orphaned: false };
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
      ? this.giveUp(lane, entry, marks, marks.error)
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
      return this.giveUp(
        lane,
        entry,
        firstMarks(givenUpReason(error, entry.attempt), entry.attempt, error),
        error,
      );
    const delayMs = retryDelay(this.retry, entry.attempt, error);
    this.handlers.retrying?.(entry.job, error, entry.attempt, delayMs);
    this.later(lane, { ...entry, attempt: entry.attempt + 1 }, delayMs);
  }

  /**
   * Marks the checks of a job given up (the try `marks` says), then reports it failed; marks GitHub
   * refused for a while are tried again later, the job back in its lane's line (queue-give-up.ts).
   */
  private async giveUp(lane: Lane, entry: Entry, marks: PendingMarks, error: unknown): Promise<void> {
    const refused = await this.handlers
      .abandoned?.(entry.job, marks.reason, error, undefined, markingTry(marks, this.closed))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    // The job's request is answered no more: one like it is queued anew, not dropped as a duplicate
    // while the marks wait — its very deliveries too, its own and those coalesced into it, which an
    // admin redelivers from the app's settings (queue.ts). Once only: the keys may be a newer job's
    // by the next try.
    if (marks.marking === 1) {
      this.release(lane, entry);
      for (const delivery of entry.answers) this.deliveries.delete(delivery);
    }
    const next = this.closed ? undefined : nextMarking(this.retry, marks, refused);
    if (next) {
      this.later(lane, { ...entry, givenUp: { ...next.marks, error } }, next.delayMs);
      return;
    }
    this.handlers.finished(entry.job, { kind: 'failed', error, attempts: marks.attempts });
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
    this.timers.set(timer, entry);
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
