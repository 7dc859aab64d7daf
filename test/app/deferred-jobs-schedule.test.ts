/**
 * Each refused job keeps its own schedule: one refused while another waits out a long wait is offered
 * again after its own first wait, not when the older job's timer fires. Fake timers: the waits are
 * minutes long, and what is asserted is the order and the time of the offers, not a duration.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferredJobs } from '../../src/app/deferred-jobs.js';
import type { JobDescriptor, Logger } from '../../src/app/jobs.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function job(deliveryId: string, repositoryId: number): JobDescriptor {
  return {
    kind: 'review',
    installationId: 1,
    repositoryId,
    owner: 'acme',
    repo: `repo-${repositoryId}`,
    pullNumber: 1,
    headSha: 'a'.repeat(40),
    base: 'main',
    force: false,
    deliveryId,
  };
}

describe('deferred jobs', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it("offers a newly refused job after its own first wait, not after an older job's longer one", async () => {
    const offers: string[] = [];
    let queueTakesB = false;
    const deferred = deferredJobs(
      async (j) => {
        offers.push(`${j.deliveryId}@${Math.round(performance.now() / 1000)}`);
        if (j.deliveryId === 'B' && queueTakesB) return 'queued';
        throw new Error('refused');
      },
      { firstWaitMs: 30_000, offers: 8 },
      async () => {},
    );
    const start = performance.now();
    deferred.add(job('A', 1), quiet);
    await vi.advanceTimersByTimeAsync(451_000); // A offered at 30, 90, 210 and 450 s; next at 750 s
    expect(offers).toEqual(['A@30', 'A@90', 'A@210', 'A@450'].map((o) => shifted(o, start)));
    queueTakesB = true;
    deferred.add(job('B', 2), quiet);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(offers.filter((o) => o.startsWith('B@'))).toEqual([shifted('B@481', start)]);
    deferred.stop();
  });
});

/** An offer's label with its time counted from the fake clock's start. */
function shifted(label: string, startMs: number): string {
  const [id, seconds] = label.split('@');
  return `${id}@${Number(seconds) + Math.round(startMs / 1000)}`;
}
