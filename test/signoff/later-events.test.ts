/**
 * Events that come after a verdict was written, or that name something other than the pull request as
 * it is now: the gate must not keep, or write, a success they no longer support.
 *
 * - an approval dismissed after the success: withdrawn by the `dismissed` delivery;
 * - the author's second account on the owning team: counts. The gate knows people by their GitHub
 *   account (DESIGN invariant 3 names the author and who pushed, by GitHub's word); two accounts of
 *   one person are two people to it, as to GitHub's own required reviews;
 * - a re-run asked on a commit the pull request has left: evaluates the pull request on its head;
 * - the base branch renamed: GitHub retargets the pull request (`edited`, `changes.base.ref.from`),
 *   and the success under the old name is withdrawn as for any retarget (src/app/left-base.ts);
 * - two deliveries for one pull request taken by two replicas at once: the later evaluation waits for
 *   the lane and reads GitHub afresh; it is never folded into the one already running (a request
 *   coalesces only with one that has not started: src/app/jobs.ts `coalescingOf`).
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { APP_ID, payload, testPrivateKey } from '../app/support/fake-github.js';
import { useRedis } from '../app/support/use-redis.js';
import { basisLine } from '../app/support/review-basis.js';
import {
  approve,
  BOT,
  deliverApproval,
  dismiss,
  harness,
  OPENED_AT,
  pullRequestEvent,
  reviewEvent,
  shownOnHead,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';
import { testProbot } from '../app/support/test-probot.js';

useSignoffApp();

describe('a review dismissed after the success was written', () => {
  it('withdraws the success at once', async () => {
    const h = await harness();
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });

    dismiss(h, 1, 'admin');
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
  });
});

describe("the author's second account on the owning team", () => {
  it('counts as anyone else on the team (GitHub knows one account from another, nothing more)', async () => {
    const h = await harness({ teams: { orders: ['olivia', 'mallory-alt'] } });
    await deliverApproval(h, 'mallory-alt', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });
});

describe('a re-run of the sign-off check on a commit the pull request has left', () => {
  it('writes nothing on that commit: the pull request as it is now is evaluated, on its head', async () => {
    const h = await harness();
    const rerun = payload('check_run.rerequested', (p) => {
      const run = p.check_run as { name: string; head_sha: string };
      run.name = 'Blueprint sign-off: main';
      run.head_sha = OPENED_AT;
    });
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h).filter((r) => r.head_sha === OPENED_AT)).toEqual([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });

    // Its approvals, on its head, are what can pass it.
    approve(h, 'olivia', 1);
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h).filter((r) => r.head_sha === OPENED_AT)).toEqual([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });
});

describe('the base branch renamed while the pull request is open', () => {
  it("withdraws the success under the old name (GitHub's `edited` names it), and judges under the new", async () => {
    const h = await harness({ configs: { trunk: 'signoff: {}\n' } });
    h.gh.state.checkRuns.push({
      id: 2,
      name: 'Blueprint review: trunk',
      head_sha: h.headSha,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Blueprint review', summary: await basisLine('signoff: {}\n', 'trunk') },
    });
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });

    // main renamed trunk: GitHub retargets the pull request and says so in an `edited` delivery.
    h.gh.state.base = 'trunk';
    const renamed = pullRequestEvent(h, 'edited', {
      sender: 'admin',
      patch: (p, pr) => {
        (pr.base as { ref: string }).ref = 'trunk';
        p.changes = { base: { ref: { from: 'main' }, sha: { from: h.gh.repo.baseSha } } };
      },
    });
    await h.deliver('pull_request', renamed);
    await h.idle();
    // A protection rule still requiring the old name finds no success to merge on.
    expect(shownOnHead(h, 'main')).not.toMatchObject({ conclusion: 'success' });
    expect(shownOnHead(h, 'trunk')).toMatchObject({ conclusion: 'success' });
  });
});

describe('two deliveries for one pull request, taken by two replicas at once (BullMQ on one Redis)', () => {
  const redis = useRedis();

  it('runs the later evaluation after the one already running, never folded into it: the dismissal wins', async () => {
    const redisQueue = { prefix: `test-${randomUUID()}`, pollMs: 50 };
    const h = await harness({}, { app: { redisUrl: redis().url, redisQueue } });
    nock.enableNetConnect('127.0.0.1'); // Redis
    const other = createBlueprintReviewApp({
      botLogin: BOT,
      appId: APP_ID,
      redisUrl: redis().url,
      redisQueue,
    });
    const replica = testProbot({ privateKey: testPrivateKey() });
    await replica.load(other.app);

    approve(h, 'olivia', 1);
    // While the first replica's evaluation reads the approval, an admin dismisses it; GitHub sends
    // the dismissal, which the second replica takes.
    const reviews = h.gh.state.reviews;
    let dismissed: () => void = () => {};
    const dismissal = new Promise<void>((resolve) => (dismissed = resolve));
    Object.defineProperty(h.gh.state, 'reviews', {
      configurable: true,
      get() {
        if (reviews[0]!.state === 'APPROVED') setImmediate(dismissed);
        return reviews;
      },
    });
    const first = h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await dismissal;
    dismiss(h, 1, 'admin');
    const event = reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin');
    await replica.receive({ id: randomUUID(), name: 'pull_request_review', payload: event } as never);
    await first;
    await expect
      .poll(
        async () => {
          await Promise.all([h.idle(), other.runtime()!.queue.idle()]);
          return shownOnHead(h)?.conclusion;
        },
        { timeout: 20_000 },
      )
      .toBe('action_required');
    await other.runtime()!.close(100);
    await h.app.runtime()!.close(100);
  }, 60_000);
});
