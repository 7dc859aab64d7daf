/**
 * GitHub rate-limiting the review's line comments, through the real Probot app and nock: the review is
 * handed back to the queue, which runs it again once the limit has lifted — the comments are posted
 * then, once, and the check gets its verdict. Never a failed check asking a person to re-run what the
 * queue can, and never a wait of minutes inside the job (it holds the pull request's lane meanwhile).
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, expectBlueprintReview, harness, pullRequestEvent } from './support/app-harness.js';
import { addEventFlowWithoutDeadLetter, shopFiles } from './support/shop.js';
import { primaryLimitUntil } from './support/rate-limit-replies.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const REVIEWS = '/repos/acme/shop/pulls/7/reviews';

/**
 * The review's POST refused `times` times by a primary rate limit that resets `seconds` after the
 * first refusal, as GitHub refuses it; the calls are recorded with whether they were refused.
 */
function limitReviewPosts(h: Harness, times: number, seconds: number): { refused: boolean }[] {
  const posts: { refused: boolean }[] = [];
  let reset: number | undefined;
  h.gh.scope
    .post(REVIEWS)
    .times(times)
    .reply(() => {
      reset ??= Math.ceil(Date.now() / 1000) + seconds;
      posts.push({ refused: true });
      return primaryLimitUntil(reset);
    });
  return posts;
}

describe("a rate limit on the review's comments", () => {
  it('that lifts in a moment: the queue runs the review again, and the comments are posted once', async () => {
    const sleeps: number[] = [];
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base), sleeps);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews();
    // Refused, and refused again after the client's one brief wait: the job goes back to the queue.
    const refusals = limitReviewPosts(h, 2, 2);
    // The queue's next attempt adopts the run in progress and posts the review the limit refused.
    h.gh
      .findCheck(h.repo.headSha, [{ id: 1001, status: 'in_progress', conclusion: null }])
      .getPull()
      .config(CONFIG)
      .files(h.files)
      .compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(refusals).toHaveLength(2);
    expect(h.gh.find('POST', REVIEWS)).toHaveLength(1);
    const completed = h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001').map((c) => c.body as CheckBody);
    expect(completed).toHaveLength(1);
    // The review's own verdict (the shop's change has findings), not a "could not finish" failure.
    expect(completed[0]!.output!.title).not.toBe('The review could not finish');
    expect(completed[0]!.output!.summary).not.toContain('rate-limited');
    expect(completed[0]!.output!.summary).not.toContain('Re-run');
  });

  it('that asks for an hour: handed to the queue at once, with no wait in the job and no failure written', async () => {
    const sleeps: number[] = [];
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base), sleeps);
    await expectBlueprintReview(h);
    h.gh.threads().listReviews().createReview(403, { 'retry-after': '3600' });
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    const queue = h.app.runtime()!.queue;
    // The job waits in the queue for the limit to lift (an hour: the test stops there).
    await expect.poll(async () => (await queue.stats()).delayed, { timeout: 10_000 }).toBe(1);
    expect(h.gh.unmatched).toEqual([]);
    expect(sleeps).toEqual([]);
    // The check stays in progress, as the review left it: nothing asks a person to re-run it.
    expect(h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001')).toEqual([]);
    expect(h.gh.find('POST', '/repos/acme/shop/check-runs').map((c) => (c.body as CheckBody).status)).toEqual(
      ['in_progress'],
    );
  });
});
