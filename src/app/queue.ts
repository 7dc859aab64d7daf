/**
 * The job queue: webhooks are answered at once (GitHub waits 10 s and does not retry by itself) and
 * the work runs here. One interface, two backends with the same contract (test/app/queue-contract.ts):
 * the in-process queue (`queue-in-process.ts`, the default: one process, no Redis) and BullMQ on Redis
 * (`queue-redis.ts`: any number of replicas). The contract:
 *
 * - at most `concurrency` jobs run at a time in a process; jobs of one lane (a pull request) never run
 *   at the same time;
 * - the latest head wins: a review requested for a new head supersedes the lane's older reviews —
 *   a queued one is skipped, a running one is told to stop through its AbortSignal;
 * - a delivery is taken once per lane and kind (`X-GitHub-Delivery`), and requests one queued job
 *   already answers are dropped (`coalescingOf` in jobs.ts). A delivery whose job was given up is
 *   forgotten — the job's own and those coalesced into it: an admin who sees "given up" and
 *   redelivers one from the app's settings has it run again. One pending, running or done stays a duplicate (GitHub redelivers by itself too, and a
 *   job that finished must not write again);
 * - no push is lost to either: each delivery's push joins the lane's trail, which the next job of the
 *   lane to start is handed (`JobDescriptor.trail`) and records; it is forgotten once that job has
 *   succeeded. A push coalesced into a job already running is recorded by a sign-off evaluation
 *   queued after it (`trailFollowUp`);
 * - a job that throws is retried with exponential backoff (no sooner than a rate limit it met asked:
 *   `retryDelay`), then reported as failed — except a job stopped by its budget (`JobStopped`),
 *   given up at once: it would take as long again.
 */
import { RequestWithheld } from '../adapters/github/client.js';
import type { JobDescriptor, JobOutcome } from './jobs.js';
import { JobStopped } from './job-budget.js';
import { waitAskedFor } from './retry-wait.js';
import { tokenRefusedForGood } from './job-errors.js';
import { followsLatestHead } from './jobs.js';
import type { MarkingTry } from './queue-give-up.js';

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
export class LeaseLost extends RequestWithheld {
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
   * again later, in the job's lane (queue-give-up.ts); `marking` says which try it is — GitHub's time
   * of the first try's latest answer (`MarksNotWritten.answeredAt`), after which a verdict is a newer
   * job's and stays, and whether it is the last. `finished` follows the last call.
   */
  abandoned?(
    job: JobDescriptor,
    reason: string,
    error: unknown,
    lease?: Lease,
    marking?: MarkingTry,
  ): Promise<void>;
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
  /** Whether the queue can take jobs now (with Redis: Redis takes its writes), and if not why. */
  ready(): Promise<Readiness>;
  /**
   * Stops taking jobs and waits up to `graceMs` for the running ones. With Redis, jobs not finished
   * by then are handed back (another replica takes them over); in process they are lost (their
   * checks stay as they were until a new push or a re-run), as are those waiting for a retry or for
   * their marks (with Redis these wait in Redis). Resolves with those jobs.
   */
  close(graceMs: number): Promise<JobDescriptor[]>;
}

/** Whether a queue can take jobs now, and if not why (`/readyz` says it). */
export type Readiness = { ready: true } | { ready: false; reason: string };

export const READY: Readiness = { ready: true };

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
 * Nor is an installation GitHub refuses a token for good (uninstalled, suspended): it stays so until
 * someone acts (a job the boundary does not settle — a marking, a merge group's, a sweep's page —
 * throws it here).
 */
export function worthRetrying(error: unknown): boolean {
  return !(error instanceof JobStopped) && !tokenRefusedForGood(error);
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

/** A queue that stopped taking jobs (`close`): not ready, whatever its backend. */
export const CLOSED: Readiness = { ready: false, reason: new QueueClosedError().message };

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
