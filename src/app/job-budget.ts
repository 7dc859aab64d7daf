/**
 * Every job in a worker thread runs on a budget: a wall-clock limit, enforced by the main thread
 * (threads.ts), and a heap limit, enforced by V8 (the worker's `resourceLimits`). Causes of unbounded
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

export interface JobBudget {
  /** Wall-clock limit of one job, from when its thread takes it. */
  timeoutSeconds: number;
  /** Heap limit of each worker thread (V8's old generation, `resourceLimits.maxOldGenerationSizeMb`). */
  memoryMb: number;
}

/**
 * Ten minutes: a review of GitHub's whole REST description (12 MB, both sides) takes seconds; 512 MB
 * of heap: the same review peaks at about 200 MB of resident memory.
 */
export const DEFAULT_JOB_BUDGET: JobBudget = { timeoutSeconds: 600, memoryMb: 512 };

export const JOB_TIMEOUT_ENV = 'BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS';
export const WORKER_MEMORY_ENV = 'BLUEPRINT_REVIEW_WORKER_MEMORY_MB';
/** Below this a worker cannot load its parsers and rules: it would die and be replaced in a loop. */
export const MIN_WORKER_MEMORY_MB = 128;

/**
 * A job's time against its budget: the wall clock since it started, less the time it waited for the
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

/** Which limit stopped a job. */
export type BudgetLimit = { kind: 'time'; seconds: number } | { kind: 'memory'; megabytes: number };

/** A job stopped by its budget: its thread was terminated. Never retried (queue.ts). */
export class JobStopped extends Error {
  override readonly name = 'JobStopped';
  constructor(readonly limit: BudgetLimit) {
    super(stoppedReason(limit));
  }
}

/** The budget from the environment; `undefined` fields keep the defaults (invalid values are refused at start). */
export function budgetFromEnv(env: NodeJS.ProcessEnv): JobBudget {
  const timeout = parseSetting(env, JOB_TIMEOUT_ENV, 1);
  const memory = parseSetting(env, WORKER_MEMORY_ENV, MIN_WORKER_MEMORY_MB);
  return {
    timeoutSeconds: timeout.kind === 'ok' ? timeout.value : DEFAULT_JOB_BUDGET.timeoutSeconds,
    memoryMb: memory.kind === 'ok' ? memory.value : DEFAULT_JOB_BUDGET.memoryMb,
  };
}

/** Budget settings that are present but unusable (`npm start` refuses them: no silent unlimited budget). */
export function invalidBudgetSettings(env: NodeJS.ProcessEnv): string[] {
  return [
    parseSetting(env, JOB_TIMEOUT_ENV, 1),
    parseSetting(env, WORKER_MEMORY_ENV, MIN_WORKER_MEMORY_MB),
  ].flatMap((s) => (s.kind === 'invalid' ? [s.problem] : []));
}

type Setting = { kind: 'unset' } | { kind: 'ok'; value: number } | { kind: 'invalid'; problem: string };

function parseSetting(env: NodeJS.ProcessEnv, name: string, min: number): Setting {
  const text = env[name];
  if (text === undefined || text === '') return { kind: 'unset' };
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    return { kind: 'invalid', problem: `${name}: "${text}" is not a whole number of at least ${min}` };
  return { kind: 'ok', value };
}

/** `10 minutes`, `90 seconds`, `1 minute`. */
export function durationText(seconds: number): string {
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function stoppedWhat(limit: BudgetLimit): string {
  return limit.kind === 'time'
    ? `was stopped after ${durationText(limit.seconds)}`
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
      ? `Stopped after ${durationText(limit.seconds)}`
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
