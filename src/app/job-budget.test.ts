import { describe, expect, it } from 'vitest';
import { JobClock } from './job-budget.js';

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
