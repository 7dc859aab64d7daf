/**
 * A team's membership changed: every open pull request of the installation is evaluated again
 * (src/app/handlers/signoff.ts), a page per job (src/app/sweep.ts). With the queue down (Redis
 * unreachable), the handler marks only the first page's sign-off checks delayed — bounded work for a
 * webhook, not one write per open pull request of the organisation — fails the delivery, and the
 * sweep runs once the queue takes jobs again: no success stands after an approver left.
 */
import { describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { harness, membershipEvent, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

describe('a membership change while the queue is down, with more open pull requests than one page', () => {
  it('marks one page delayed, fails the delivery, and evaluates every one once the queue is back', async () => {
    const h = await harness(
      { otherRepositories: { alpha: 70, beta: 30 } },
      { app: { pullRequestsPerSweepPage: 50, deferredRetryMs: 20 } },
    );
    const queue = h.app.runtime()!.queue;
    const original = queue.enqueue.bind(queue);
    let down = true;
    const evaluations: JobDescriptor[] = [];
    const checkWrites = () =>
      h.gh.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs')).length;
    // Back as soon as the first delayed mark is written: the sweep must still wait for the last one,
    // or a mark written late would overwrite the verdict of an evaluation the sweep queued.
    let writesWhenSwept: number | undefined;
    queue.enqueue = async (job) => {
      if (down && checkWrites() === 0) throw new Error('Redis is unreachable');
      if (job.sweep) {
        writesWhenSwept ??= checkWrites();
        return original(job);
      }
      evaluations.push(job);
      return 'queued';
    };

    await expect(h.deliver('membership', membershipEvent('removed', 'orders', 'olivia'))).rejects.toThrow(
      /unreachable/,
    );
    const writes = h.gh.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs'));
    // alpha's 50 newest: their sign-off checks only (a membership change concerns the sign-off).
    expect(writes).toHaveLength(50);
    expect(new Set(writes.map((c) => c.path.split('/')[3]))).toEqual(new Set(['alpha']));
    expect(writes.every((c) => (c.body as { name: string; status: string }).status === 'queued')).toBe(true);
    expect(writes.every((c) => (c.body as { name: string }).name.startsWith('Blueprint sign-off: '))).toBe(
      true,
    );

    down = false;
    await expect.poll(() => evaluations.length, { timeout: 5_000 }).toBe(70 + 30 + 1);
    await h.idle();
    expect(evaluations.every((j) => j.kind === 'signoff' && !j.stale && j.force)).toBe(true);
    expect(new Set(evaluations.map((j) => `${j.repo}#${j.pullNumber}`)).size).toBe(101);
    expect(writesWhenSwept).toBe(50);
    await h.app.runtime()!.close(100);
  });
});
