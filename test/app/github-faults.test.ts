/**
 * GitHub failing the review's own check-run requests, through the real Probot app and nock: a fault
 * GitHub recovers from (a 5xx, a commit it has not indexed yet) is retried by the queue and the review
 * ends posted with its verdict — never a "could not finish" one 502 cost, never no check at all.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, harness, pullRequestEvent } from './support/app-harness.js';
import { addEventFlowWithoutDeadLetter, shopFiles } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The rest of a review of the harness's pull request, from reading it to completing check 1001. */
async function restOfReview(h: Harness): Promise<void> {
  h.gh.getPull().config(CONFIG).files(h.files).compare();
  await h.gh.tree(h.repo.headSha);
  await h.gh.tree(h.repo.baseSha);
  await h.gh.blobs('blueprint');
  h.gh.threads().listReviews().createReview().updateCheck();
}

/** Every write to the review check: POSTs and PATCHes, in order. */
function checkWrites(h: Harness): CheckBody[] {
  return h.gh
    .find('POST', '/repos/acme/shop/check-runs')
    .concat(h.gh.find('PATCH', '/repos/acme/shop/check-runs/1001'))
    .sort((a, b) => a.at - b.at)
    .map((c) => c.body as CheckBody);
}

describe("GitHub failing the review check's requests", () => {
  it('a 502 to the look for an earlier run is retried: the review completes with its verdict', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha, [], 502);
    h.gh.findCheck(h.repo.headSha).createCheck();
    await restOfReview(h);
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const writes = checkWrites(h);
    expect(writes.map((w) => w.status)).toEqual(['in_progress', 'completed']);
    expect(writes.at(-1)!.conclusion).toBe('failure');
    expect(writes.at(-1)!.output!.title).not.toBe('The review could not finish');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('a head GitHub has not indexed yet (422 "No commit found") is reviewed once it has, not lost', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    const unknown = { message: `No commit found for SHA: ${h.repo.headSha}` };
    const runsOfHead = `/repos/acme/shop/commits/${h.repo.headSha}/check-runs`;
    h.gh.token();
    // The first attempt cannot look for a run on the head, the second cannot create one on it…
    h.gh.scope.get(runsOfHead).query(true).reply(422, unknown);
    h.gh.findCheck(h.repo.headSha);
    h.gh.scope.post('/repos/acme/shop/check-runs').reply(422, unknown);
    // …the third finds the commit known.
    h.gh.findCheck(h.repo.headSha).createCheck();
    await restOfReview(h);
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const writes = checkWrites(h);
    expect(writes.map((w) => w.status)).toEqual(['in_progress', 'completed']);
    expect(writes.at(-1)!.output!.title).not.toBe('The review could not finish');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('a head GitHub never comes to know is given up, saying why, where GitHub lets it', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    const unknown = { message: `No commit found for SHA: ${h.repo.headSha}` };
    h.gh.token();
    // The queue's 4 attempts and the look of the job given up: the head stays unknown…
    for (let look = 1; look <= 5; look++)
      h.gh.scope.get(`/repos/acme/shop/commits/${h.repo.headSha}/check-runs`).query(true).reply(422, unknown);
    // …but the failure can be written (here GitHub knows the commit by then).
    h.gh.createCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [failed] = checkWrites(h);
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
    expect(failed!.output!.summary).toContain('a commit pushed a moment ago may not be indexed yet');
  });
});
