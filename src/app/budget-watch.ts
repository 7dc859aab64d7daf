/**
 * The main thread's watch over one job's budget (job-budget.ts): it reads the job's thread's CPU time
 * and the job's clock when either could run out, and says when one has. The reading is the main
 * thread's own, so a thread stuck in a loop cannot stop its budget from running out.
 */
import type { JobBudget, JobClock } from './job-budget.js';
import { checkBudget } from './job-budget.js';

export interface BudgetWatch {
  /** Stops watching (the job ended). */
  end(): void;
}

/**
 * Watches a job from now: `cpuMs` reads its thread's CPU time (undefined where it cannot be read, when
 * the clock stands in for it); `over` is called once, with the error the job fails with.
 */
export function watchBudget(
  budget: JobBudget,
  clock: JobClock,
  cpuMs: () => number | undefined,
  over: (error: Error) => void,
): BudgetWatch {
  const startCpu = cpuMs();
  // A reading that fails later (the thread exiting) keeps the last one: the wall clock stands in for
  // the CPU only where it could never be read, never for a job measured in CPU time so far.
  let lastCpu = startCpu;
  let timer: NodeJS.Timeout | undefined;
  const look = () => {
    if (startCpu !== undefined) lastCpu = cpuMs() ?? lastCpu;
    const spentCpu = startCpu === undefined || lastCpu === undefined ? undefined : lastCpu - startCpu;
    const check = checkBudget(budget, { cpuMs: spentCpu, wallMs: clock.spentMs() });
    if (check.kind === 'over') over(check.error);
    // Not sooner than every few milliseconds: a reading is a file read, and the limits are seconds.
    else timer = setTimeout(look, Math.max(check.checkAgainInMs, MIN_PAUSE_MS));
  };
  look();
  return { end: () => clearTimeout(timer) };
}

const MIN_PAUSE_MS = 10;
