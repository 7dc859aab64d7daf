/**
 * Every job in a worker thread runs on a budget: a CPU-time limit and a (larger) wall-clock limit,
 * enforced by the main thread (threads.ts, budget-watch.ts), and a heap limit, enforced by V8 (the
 * worker's `resourceLimits`). The time that stops a job for its content is its thread's CPU time, not
 * the wall clock: worker threads run at nice 10 (worker-priority.ts), so on a busy host a legitimate
 * review can take many times its CPU time, and a wall-clock budget stopped it — for good, as if its
 * content were hostile. The wall-clock limit is only for a job stuck waiting (a request that never
 * ends): that is not the content's doing, so such a job is retried (`JobOverdue`). Causes of unbounded
 * work are fixed one by one (`$ref` fan-out, catastrophic patterns), but hostile contracts will find
 * others; without a budget a job that never ends holds its thread and its pull request's lane for
 * good (with Redis, renewing its lock for good), and a few such pull requests stop every review of
 * the installation. Past the budget the worker is terminated — `worker.terminate()` stops even a
 * synchronous loop — a new one takes its place, and the job fails with `JobStopped`. The failure is
 * deterministic (the same content takes as long again), so the queue never retries it: the job's
 * checks fail closed, saying so, and the lane moves on.
 */
import type { CheckOutput } from '../adapters/github/check-run.js';
import { plural } from '../review/render/finding-text.js';
import { wholeNumberSetting } from './env-setting.js';

export interface JobBudget {
  /**
   * CPU-time limit of one job (its thread's user and system time), from when its thread takes it.
   * Where a thread's CPU time cannot be read (not Linux), the wall clock stands in for it.
   */
  timeoutSeconds: number;
  /**
   * Wall-clock limit of one job, less its waits for the app's own throttle (default: three times
   * `timeoutSeconds`): past it the job is ended and retried, not given up (`JobOverdue`).
   */
  wallTimeoutSeconds?: number;
  /** Heap limit of each worker thread (V8's old generation, `resourceLimits.maxOldGenerationSizeMb`). */
  memoryMb: number;
}

/**
 * Ten minutes: a review of GitHub's whole REST description (12 MB, both sides) takes seconds; 512 MB
 * of heap: the same review peaks at about 200 MB of resident memory.
 */
export const DEFAULT_JOB_BUDGET: JobBudget = { timeoutSeconds: 600, memoryMb: 512 };

export const JOB_TIMEOUT_ENV = 'BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS';
export const JOB_WALL_TIMEOUT_ENV = 'BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS';
/** The wall-clock limit when none is set: a thread at nice 10 on a busy host runs slower, not stuck. */
const WALL_PER_CPU = 3;
export const WORKER_MEMORY_ENV = 'BLUEPRINT_REVIEW_WORKER_MEMORY_MB';
/** Below this a worker cannot load its parsers and rules: it would die and be replaced in a loop. */
export const MIN_WORKER_MEMORY_MB = 128;

/**
 * A job's wall-clock time against its budget: the time since it started, less the time it waited for the
 * process's own throttle (request permits, request-limiter.ts). In a burst on one installation a job
 * can wait minutes for its turn to write; that is the app's doing, not the pull request's, and must
 * not stop the job as if its content took unbounded time. Waits are measured in the main thread
 * (permit asked → granted), so a job whose thread is stuck in a loop cannot make its clock stand still.
 */
export class JobClock {
  private readonly started: number;
  /** Permits asked for and not granted yet. */
  private waiting = 0;
  private waitStarted = 0;
  private waited = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  waitStarts(): void {
    if (this.waiting++ === 0) this.waitStarted = this.now();
  }

  waitEnds(): void {
    if (this.waiting === 0) return;
    if (--this.waiting === 0) this.waited += this.now() - this.waitStarted;
  }

  /** Milliseconds the job has spent against its budget. */
  spentMs(): number {
    const now = this.now();
    const current = this.waiting > 0 ? now - this.waitStarted : 0;
    return now - this.started - this.waited - current;
  }
}

/**
 * Which limit stopped a job. A time limit is measured in CPU time where the system says a thread's
 * (`clock: 'cpu'`), else on the wall clock (absent in what older versions wrote to Redis).
 */
export type BudgetLimit =
  { kind: 'time'; seconds: number; clock?: 'cpu' | 'wall' } | { kind: 'memory'; megabytes: number };

/** A job stopped by its budget: its thread was terminated. Never retried (queue.ts). */
export class JobStopped extends Error {
  override readonly name = 'JobStopped';
  constructor(readonly limit: BudgetLimit) {
    super(stoppedReason(limit));
  }
}

/**
 * A job ended because it ran past the wall-clock limit with CPU time to spare, not counting the time
 * its thread was ready to run but kept from a CPU by busier work: it was waiting (a request that never
 * ended), not the content's doing. Retried, as a crash is.
 */
export class JobOverdue extends Error {
  override readonly name = 'JobOverdue';
  constructor(readonly seconds: number) {
    super(
      `the job was still running after ${durationText(seconds)}, within its CPU time: its thread was ended`,
    );
  }
}

/** The wall-clock limit of a budget, in seconds. */
export function wallTimeoutOf(budget: JobBudget): number {
  return budget.wallTimeoutSeconds ?? budget.timeoutSeconds * WALL_PER_CPU;
}

/**
 * A job's use of its budget so far: its thread's CPU time (undefined where unknown), its wall clock,
 * and the part of that its thread spent ready to run but without a CPU (where the kernel says).
 */
export interface JobSpending {
  cpuMs: number | undefined;
  wallMs: number;
  starvedMs?: number;
}

export type BudgetCheck = { kind: 'within'; checkAgainInMs: number } | { kind: 'over'; error: Error };

/**
 * Whether a job is within its budget, and if so when to look again: one thread's CPU time grows no
 * faster than the wall clock, so nothing is missed by waiting for the smaller of what is left of either.
 *
 * The wall-clock limit does not count the time the thread was starved of a CPU. A thread at nice 10
 * on a busy host can get a tenth of a core: on the plain wall clock a loop that never ends reached the
 * wall limit first, and was retried again and again as if it were waiting, and a long legitimate review
 * was ended after every attempt. Less its starved time, the wall clock of a thread that always wants
 * the CPU is its CPU time, so the CPU-time limit decides (the wall limit is never the smaller one:
 * `invalidBudgetSettings`), and only time spent waiting brings a job to the wall limit.
 */
export function checkBudget(budget: JobBudget, spent: JobSpending): BudgetCheck {
  const clock = spent.cpuMs === undefined ? 'wall' : 'cpu';
  const cpuLeft = budget.timeoutSeconds * 1000 - (spent.cpuMs ?? spent.wallMs);
  if (cpuLeft <= 0)
    return { kind: 'over', error: new JobStopped({ kind: 'time', seconds: budget.timeoutSeconds, clock }) };
  const wallSeconds = wallTimeoutOf(budget);
  const wallLeft = wallSeconds * 1000 - (spent.wallMs - (spent.starvedMs ?? 0));
  if (wallLeft <= 0) return { kind: 'over', error: new JobOverdue(wallSeconds) };
  return { kind: 'within', checkAgainInMs: Math.min(cpuLeft, wallLeft) };
}

/** The budget from the environment; `undefined` fields keep the defaults (invalid values are refused at start). */
export function budgetFromEnv(env: NodeJS.ProcessEnv): JobBudget {
  const timeout = wholeNumberSetting(env, JOB_TIMEOUT_ENV, 1);
  const wall = wholeNumberSetting(env, JOB_WALL_TIMEOUT_ENV, 1);
  const memory = wholeNumberSetting(env, WORKER_MEMORY_ENV, MIN_WORKER_MEMORY_MB);
  return {
    timeoutSeconds: timeout.kind === 'ok' ? timeout.value : DEFAULT_JOB_BUDGET.timeoutSeconds,
    ...(wall.kind === 'ok' ? { wallTimeoutSeconds: wall.value } : {}),
    memoryMb: memory.kind === 'ok' ? memory.value : DEFAULT_JOB_BUDGET.memoryMb,
  };
}

export const WORKER_THREADS_ENV = 'BLUEPRINT_REVIEW_WORKER_THREADS';

/** Whether jobs run in worker threads: unless told `false` — only a thread's job can be stopped. */
export function workerThreadsFromEnv(env: NodeJS.ProcessEnv): boolean {
  return env[WORKER_THREADS_ENV] !== 'false';
}

/** Budget settings that are present but unusable (`npm start` refuses them: no silent unlimited budget). */
export function invalidBudgetSettings(env: NodeJS.ProcessEnv): string[] {
  const problems = [
    wholeNumberSetting(env, JOB_TIMEOUT_ENV, 1),
    wholeNumberSetting(env, JOB_WALL_TIMEOUT_ENV, 1),
    wholeNumberSetting(env, WORKER_MEMORY_ENV, MIN_WORKER_MEMORY_MB),
  ].flatMap((s) => (s.kind === 'invalid' ? [s.problem] : []));
  if (problems.length > 0) return problems;
  // A job on the main thread is stopped by nothing: not its time (a synchronous loop holds the very
  // thread that would end it), not its heap (V8 limits a worker's, the process's is the app's). A
  // budget asked for there would be a limit the operator counts on and the app ignores.
  if (!workerThreadsFromEnv(env)) {
    const asked = [JOB_TIMEOUT_ENV, JOB_WALL_TIMEOUT_ENV, WORKER_MEMORY_ENV].filter((name) => env[name]);
    return asked.map(
      (name) =>
        `${name} is set, but ${WORKER_THREADS_ENV}=false runs jobs on the main thread, where no budget can stop them: unset ${WORKER_THREADS_ENV}, or this setting`,
    );
  }
  // A wall limit below the CPU limit would end a job that spends its CPU time as overdue — retried,
  // not stopped — and, where the wall clock stands in for the CPU, end every job that way.
  const budget = budgetFromEnv(env);
  const wall = wallTimeoutOf(budget);
  return wall < budget.timeoutSeconds
    ? [
        `${JOB_WALL_TIMEOUT_ENV}: ${wall} is less than ${JOB_TIMEOUT_ENV} (${budget.timeoutSeconds}): the wall-clock limit must be at least the CPU-time limit`,
      ]
    : [];
}

/** `10 minutes`, `90 seconds`, `1 minute`. */
export function durationText(seconds: number): string {
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

/** `10 minutes of CPU time`, or `10 minutes` where the wall clock measured it. */
function timeText(limit: Extract<BudgetLimit, { kind: 'time' }>): string {
  return `${durationText(limit.seconds)}${limit.clock === 'cpu' ? ' of CPU time' : ''}`;
}

function stoppedWhat(limit: BudgetLimit): string {
  return limit.kind === 'time'
    ? `was stopped after ${timeText(limit)}`
    : `ran out of memory (${limit.megabytes} MB)`;
}

/** Plain words for any check of a stopped job (the sign-off's "not evaluated", a merge group's) and the log. */
export function stoppedReason(limit: BudgetLimit): string {
  const takes = limit.kind === 'time' ? 'time' : 'memory';
  return `The job ${stoppedWhat(limit)}: a contract or blueprint in this pull request takes unbounded ${takes} to check. It is not tried again (it would take as long again); the check fails closed.`;
}

/** The review check of a stopped job: what happened, and what a person can do about it. */
export function stoppedReviewOutput(limit: BudgetLimit): CheckOutput {
  const title =
    limit.kind === 'time'
      ? `Stopped after ${timeText(limit)}`
      : `Stopped: out of memory (${limit.megabytes} MB)`;
  const takes = limit.kind === 'time' ? 'time' : 'memory';
  const setting = limit.kind === 'time' ? JOB_TIMEOUT_ENV : WORKER_MEMORY_ENV;
  return {
    conclusion: 'failure',
    title,
    // Our own words only (no repository text), so nothing to render inert.
    summary: `${[
      `## ❌ Blueprint review stopped`,
      `The review ${stoppedWhat(limit)} — a contract or blueprint in this pull request takes unbounded ${takes} to check (for example a schema pattern, or \`$ref\`s that multiply). The check fails closed: nothing in this pull request counts as reviewed.`,
      `**What to do:** push a fix that simplifies the contracts or blueprint this pull request changes. If the pull request really needs more, ask an admin of the app to raise \`${setting}\`, then **Re-run** this check; a re-run under the same limit is stopped the same way, so the app does not retry it by itself.`,
    ].join('\n\n')}\n`,
  };
}
