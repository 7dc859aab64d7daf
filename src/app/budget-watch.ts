/**
 * The main thread's watch over one job's budget (job-budget.ts): it reads the job's thread's CPU time
 * and the job's clock when either could run out, and says when one has. The reading is the main
 * thread's own, so a thread stuck in a loop cannot stop its budget from running out.
 */
import type { JobBudget, JobClock } from './job-budget.js';
import { checkBudget } from './job-budget.js';
import type { TaskTimes } from './thread-cpu.js';

export interface BudgetWatch {
  /** Stops watching (the job ended). */
  end(): void;
}

/**
 * Watches a job from now: `times` reads its thread's CPU time and time starved of a CPU (undefined
 * where they cannot be read, when the clock stands in for them); `over` is called once, with the
 * error the job fails with.
 */
export function watchBudget(
  budget: JobBudget,
  clock: JobClock,
  times: () => TaskTimes | undefined,
  over: (error: Error) => void,
): BudgetWatch {
  const start = times();
  // A reading that fails later (the thread exiting) keeps the last one: the wall clock stands in for
  // the CPU only where it could never be read, never for a job measured in CPU time so far.
  let last = start;
  let timer: NodeJS.Timeout | undefined;
  const look = () => {
    if (start !== undefined) last = times() ?? last;
    const check = checkBudget(budget, { ...spentSince(start, last), wallMs: clock.spentMs() });
    if (check.kind === 'over') over(check.error);
    // Not sooner than every few milliseconds: a reading is a file read, and the limits are seconds.
    // Nor later than a timer can hold: past 2^31 - 1 ms, Node waits 1 ms instead (a budget of a
    // month, then read a thousand times a second for as long as the job runs).
    else timer = setTimeout(look, Math.min(Math.max(check.checkAgainInMs, MIN_PAUSE_MS), MAX_PAUSE_MS));
  };
  look();
  return { end: () => clearTimeout(timer) };
}

const MIN_PAUSE_MS = 10;
/** The longest delay a Node timer takes. */
const MAX_PAUSE_MS = 2 ** 31 - 1;

/** The thread's times between two readings: none where it could not be read at the start. */
function spentSince(
  start: TaskTimes | undefined,
  now: TaskTimes | undefined,
): { cpuMs: number | undefined; starvedMs?: number } {
  if (start === undefined || now === undefined) return { cpuMs: undefined };
  const starved =
    start.starvedMs === undefined || now.starvedMs === undefined
      ? {}
      : { starvedMs: now.starvedMs - start.starvedMs };
  return { cpuMs: now.cpuMs - start.cpuMs, ...starved };
}
