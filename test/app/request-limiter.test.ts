/**
 * The permits worker threads' requests start with: at most `maxInFlight` requests of an installation
 * at once (a freed slot passes to the next waiting request), writes reserved in the shared throttle
 * (Redis) with their categories, and spaced in this process when Redis does not answer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestLimiter } from '../../src/app/request-limiter.js';
import type { SharedThrottle, SpacedCategory } from '../../src/app/shared-throttle.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function tracked<T>(promise: Promise<T>): { settled: () => boolean; value: Promise<T> } {
  let settled = false;
  void promise.then(() => (settled = true));
  return { settled: () => settled, value: promise };
}

afterEach(() => vi.useRealTimers());

describe('RequestLimiter', () => {
  it('lets at most maxInFlight requests of an installation run at once; a freed slot goes to the next', async () => {
    const limiter = new RequestLimiter(undefined, 2);
    const release1 = await limiter.permit(1, 'GET', 'https://api.github.com/repos/o/r/pulls/1');
    await limiter.permit(1, 'GET', 'https://api.github.com/repos/o/r/pulls/1/files');
    const third = tracked(limiter.permit(1, 'GET', 'https://api.github.com/repos/o/r/git/trees/x'));
    // Another installation has its own slots.
    await limiter.permit(2, 'GET', 'https://api.github.com/repos/p/q/pulls/1');
    await flush();
    expect(third.settled()).toBe(false);
    expect(limiter.inFlight(1)).toBe(2);
    release1();
    release1(); // twice frees one slot only
    await third.value;
    expect(limiter.inFlight(1)).toBe(2);
  });

  it('reserves each write in the shared throttle with its categories; reads reserve nothing', async () => {
    const reserved: { installationId: number; categories: readonly SpacedCategory[] }[] = [];
    const shared = {
      reserve: async (installationId: number, categories: readonly SpacedCategory[]) => {
        reserved.push({ installationId, categories });
        return 0;
      },
    } as unknown as SharedThrottle;
    const limiter = new RequestLimiter(shared);
    await limiter.permit(7, 'GET', 'https://api.github.com/repos/o/r/pulls/1');
    await limiter.permit(7, 'PATCH', 'https://api.github.com/repos/o/r/check-runs/1');
    await limiter.permit(7, 'POST', 'https://ghe.example.com/api/v3/repos/o/r/pulls/1/reviews');
    expect(reserved).toEqual([
      { installationId: 7, categories: ['write'] },
      { installationId: 7, categories: ['write', 'notification'] },
    ]);
  });

  it('spaces writes a second apart in this process when Redis does not answer', async () => {
    vi.useFakeTimers();
    const shared = { reserve: async () => undefined } as unknown as SharedThrottle;
    const limiter = new RequestLimiter(shared);
    const first = tracked(limiter.permit(1, 'POST', 'https://api.github.com/repos/o/r/check-runs'));
    const second = tracked(limiter.permit(1, 'POST', 'https://api.github.com/repos/o/r/check-runs'));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.settled()).toBe(true);
    expect(second.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second.settled()).toBe(true);
  });
});
