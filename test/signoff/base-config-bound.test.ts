/**
 * A config change pushed to a base with many open pull requests, while the queue cannot take jobs
 * (Redis unreachable): the webhook marks the checks of one page of them delayed, not of every one —
 * its work stays bounded — fails the delivery, and every refused job is offered to the queue again
 * until it takes it (src/app/handlers/enqueue.ts `enqueueEach`), so none is left to a redelivery alone.
 */
import { describe, expect, it } from 'vitest';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { payload } from '../app/support/fake-github.js';
import type { PullState } from './support/signoff-github.js';
import { repositoryId } from './support/signoff-github.js';
import { harness, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const BEFORE = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const AFTER = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';

function pullInto(base: string): PullState {
  return { base, author: 'eve', labels: [], reviews: [], requested: { users: [], teams: [] }, events: [] };
}

describe('a config change on a base, with the queue down', () => {
  it('marks one page delayed, fails the delivery, and queues every pull request once the queue is back', async () => {
    const h = await harness(
      { otherPulls: { 8: pullInto('main'), 9: pullInto('main'), 10: pullInto('main') } },
      { app: { reviewsPerConfigChange: 0, pullRequestsPerSweepPage: 2, deferredRetryMs: 20 } },
    );
    h.gh.state.configs = { main: 'signoff: { allowSelfApproval: true }\n', [BEFORE]: 'signoff: {}\n' };
    h.gh.state.configs[AFTER] = h.gh.state.configs.main;
    const queue = h.app.runtime()!.queue;
    let down = true;
    const queued: JobDescriptor[] = [];
    queue.enqueue = async (job) => {
      if (down) throw new Error('Redis is unreachable');
      // The same push starts a sweep of the installation's other repositories (org-config.ts: a file
      // named blueprint-review.* another config may extend); it is not under test here.
      if (job.sweep) return 'queued';
      queued.push(job);
      return 'queued';
    };
    const push = payload('push', (p) => {
      // shop's id as the fake lists the installation's repositories (the same push's sweep of the
      // other repositories leaves shop out by it, as GitHub's one id would).
      (p.repository as Record<string, unknown>).id = repositoryId('shop');
      for (const commit of [
        ...(p.commits as Record<string, unknown>[]),
        p.head_commit as Record<string, unknown>,
      ])
        commit.modified = ['.github/blueprint-review.yml'];
    });

    await expect(h.deliver('push', push)).rejects.toThrow(/unreachable/);
    // Two markings' worth (review and sign-off checks each), not four.
    const checkWrites = h.gh.writes().filter((w) => /check-runs/.test(w));
    expect(checkWrites).toHaveLength(2 * 2);

    down = false;
    await expect.poll(() => queued.length, { timeout: 5_000 }).toBe(4);
    expect(queued.map((j) => j.pullNumber).sort()).toEqual([10, 7, 8, 9].sort());
    expect(queued.every((j) => j.kind === 'signoff' && j.stale === true)).toBe(true);
    await h.app.runtime()!.close(100);
  });
});
