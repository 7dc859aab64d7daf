import { describe, expect, it } from 'vitest';
import { checkBudget, JobClock, JobOverdue, JobStopped, stoppedReviewOutput } from './job-budget.js';
import { worthRetrying } from './queue.js';
import { cpuMsOfStat, ownTaskId, runDelayMsOf, taskTimes } from './thread-cpu.js';

describe("a job's clock", () => {
  /** A clock on a hand-moved time. */
  function clockAt() {
    let now = 1_000;
    const clock = new JobClock(() => now);
    return { clock, advance: (ms: number) => (now += ms) };
  }

  it('counts the wall clock while the job works', () => {
    const { clock, advance } = clockAt();
    advance(250);
    expect(clock.spentMs()).toBe(250);
  });

  it('does not count waits for the throttle, overlapping ones once, also while one is still waiting', () => {
    const { clock, advance } = clockAt();
    advance(100); // work
    clock.waitStarts();
    advance(50);
    clock.waitStarts(); // a second request waits too
    advance(1_000);
    clock.waitEnds();
    expect(clock.spentMs()).toBe(100); // one permit still waiting: the clock stands
    advance(2_000);
    clock.waitEnds();
    advance(30); // work again
    expect(clock.spentMs()).toBe(130);
  });

  it('ignores a wait that ends without having started (a permit of an earlier job)', () => {
    const { clock, advance } = clockAt();
    clock.waitEnds();
    advance(40);
    expect(clock.spentMs()).toBe(40);
  });
});

describe("a job's budget", () => {
  const budget = { timeoutSeconds: 10, memoryMb: 512 };

  it('stops a job by its CPU time, measured in CPU time, and says so', () => {
    expect(checkBudget(budget, { cpuMs: 9_000, wallMs: 25_000 })).toEqual({
      kind: 'within',
      checkAgainInMs: 1_000,
    });
    const over = checkBudget(budget, { cpuMs: 10_000, wallMs: 12_000 });
    expect(over).toMatchObject({ kind: 'over' });
    const error = (over as { error: Error }).error;
    expect(error).toBeInstanceOf(JobStopped);
    expect((error as JobStopped).limit).toEqual({ kind: 'time', seconds: 10, clock: 'cpu' });
    expect(stoppedReviewOutput((error as JobStopped).limit).title).toBe(
      'Stopped after 10 seconds of CPU time',
    );
  });

  it('ends a job past its wall-clock limit (three times its CPU time unless set) as overdue, which is retried', () => {
    const over = checkBudget(budget, { cpuMs: 2_000, wallMs: 30_000 });
    expect(over).toMatchObject({ kind: 'over', error: expect.any(JobOverdue) });
    expect(worthRetrying((over as { error: Error }).error)).toBe(true);
    expect(checkBudget({ ...budget, wallTimeoutSeconds: 100 }, { cpuMs: 2_000, wallMs: 30_000 })).toEqual({
      kind: 'within',
      checkAgainInMs: 8_000,
    });
  });

  it('does not count time starved of a CPU towards the wall-clock limit: a thread that always wants the CPU meets its CPU limit', () => {
    // A tenth of a core for 29 s: 2.9 s on the CPU, 26.1 s waiting for it — not waiting on anything.
    expect(checkBudget(budget, { cpuMs: 2_900, wallMs: 29_000, starvedMs: 26_100 })).toMatchObject({
      kind: 'within',
    });
    // Far past three times the CPU limit on the wall clock, and still only its CPU time stops it.
    const over = checkBudget(budget, { cpuMs: 10_000, wallMs: 100_000, starvedMs: 90_000 });
    expect((over as { error: Error }).error).toBeInstanceOf(JobStopped);
    // Waiting (neither on the CPU nor ready for it) is what the wall-clock limit is for.
    expect(checkBudget(budget, { cpuMs: 2_000, wallMs: 32_000, starvedMs: 1_000 })).toMatchObject({
      kind: 'over',
      error: expect.any(JobOverdue),
    });
  });

  it('falls back to the wall clock where CPU time cannot be read: still bounded, saying which clock', () => {
    const over = checkBudget(budget, { cpuMs: undefined, wallMs: 10_000 });
    const error = (over as { error: Error }).error as JobStopped;
    expect(error.limit).toEqual({ kind: 'time', seconds: 10, clock: 'wall' });
    expect(stoppedReviewOutput(error.limit).title).toBe('Stopped after 10 seconds');
  });
});

describe("a thread's CPU time", () => {
  it('is read from a stat line whose command name holds spaces and parentheses', () => {
    const stat = '4242 (node (x) y) R 1 2 3 0 -1 4194368 2209 0 0 0 92 8 0 0 20 0 8 0 948127';
    expect(cpuMsOfStat(stat)).toBe(1_000);
    expect(cpuMsOfStat('garbage')).toBeUndefined();
  });

  it('and its time starved of a CPU from a schedstat line', () => {
    expect(runDelayMsOf('711941208 1000096188 244\n')).toBe(1000.096188);
    expect(runDelayMsOf('garbage')).toBeUndefined();
    expect(runDelayMsOf('1 2')).toBeUndefined();
  });

  it("is this thread's own on Linux, and grows as it works", () => {
    const tid = ownTaskId();
    if (process.platform !== 'linux') return expect(tid).toBeUndefined();
    const before = taskTimes(tid!)!.cpuMs;
    // Work, not a wait: a fixed count of steps costs CPU time however busy the host is.
    let sum = 0;
    for (let i = 0; i < 200_000_000; i++) sum += i % 7;
    expect(sum).toBeGreaterThan(0);
    expect(taskTimes(tid!)!.cpuMs).toBeGreaterThan(before);
  });
});
