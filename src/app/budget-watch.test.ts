import { expect, it } from 'vitest';
import { watchBudget } from './budget-watch.js';
import { JobClock } from './job-budget.js';

it('waits out a budget longer than a timer can hold in one pause, not in a loop of 1 ms pauses', async () => {
  // 30 days of CPU time: more milliseconds than a timer holds (2^31 - 1), which Node turns into 1 ms.
  const budget = { timeoutSeconds: 30 * 86_400, memoryMb: 512 };
  let readings = 0;
  const watch = watchBudget(
    budget,
    new JobClock(),
    () => {
      readings++;
      return { cpuMs: 0, starvedMs: 0 };
    },
    () => {},
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The two readings of the watch's start (its baseline, its first look); the next is due in 24 days.
    expect(readings).toBe(2);
  } finally {
    watch.end();
  }
});
