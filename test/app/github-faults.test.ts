/**
 * GitHub failing the review's own check-run requests, through the real Probot app and nock: a fault
 * GitHub recovers from (a 5xx, a commit it has not indexed yet) is retried by the queue and the review
 * ends posted with its verdict — never a "could not finish" one 502 cost, never no check at all.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { APP_ID } from './support/fake-github.js';
import { twoCommitRepo } from './support/git-repo.js';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, harness, harnessFor, pullRequestEvent } from './support/app-harness.js';
import { addEventFlowWithoutDeadLetter, DEAD_LETTER_RULE, shopFiles } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The rest of a review of the harness's pull request, from reading it to completing check 1001. */
async function restOfReview(h: Harness, completion = 200): Promise<void> {
  h.gh.getPull().config(CONFIG).files(h.files).compare();
  await h.gh.tree(h.repo.headSha);
  await h.gh.tree(h.repo.baseSha);
  await h.gh.blobs('blueprint');
  h.gh.threads().listReviews().createReview().updateCheck(1001, completion);
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

  it('a run GitHub answers 502 to every time it is completed is replaced by a new run saying why', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, addEventFlowWithoutDeadLetter(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    const h = await harnessFor(repo, files, [], 'blueprint-review[bot]', {
      retry: { attempts: 2, backoffMs: 1 },
    });
    const inProgress = [{ id: 1001, status: 'in_progress', conclusion: null }];
    h.gh.token().findCheck(repo.headSha).createCheck();
    await restOfReview(h, 502);
    // The second attempt adopts the run and finds its review posted; completing the run fails again.
    h.gh.findCheck(repo.headSha, inProgress).getPull().config(CONFIG).files(files).compare();
    await h.gh.tree(repo.headSha);
    await h.gh.tree(repo.baseSha);
    h.gh
      .threads()
      .listReviews(() => h.gh.postedReviews())
      .updateCheck(1001, 502);
    // Given up: the run still in progress refuses the failure too; a new run takes it.
    h.gh.findCheck(repo.headSha, inProgress).updateCheck(1001, 502);
    // (The new run reads the head's runs first: a success there would leave its merge groups.)
    h.gh.scope
      .get(`/repos/acme/shop/commits/${repo.headSha}/check-runs`)
      .query({ app_id: String(APP_ID), check_name: 'Blueprint review: main', filter: 'all', per_page: '100' })
      .reply(200, {
        total_count: 1,
        check_runs: [{ ...inProgress[0], name: 'Blueprint review: main', app: { id: 1 } }],
      });
    h.gh.createCheck(1002);
    await h.deliver('pull_request', pullRequestEvent(repo));
    await h.idle();
    h.done();
    const created = h.gh.find('POST', '/repos/acme/shop/check-runs').map((c) => c.body as CheckBody);
    expect(created.map((c) => c.status)).toEqual(['in_progress', 'completed']);
    expect(created[1]).toMatchObject({
      name: 'Blueprint review: main',
      head_sha: repo.headSha,
      conclusion: 'failure',
    });
    expect(created[1]!.output!.summary).toContain('it failed 2 times, and is not tried again');
    expect(created[1]!.output!.summary).toContain('GitHub answered 502 (a server error) to PATCH');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('a review GitHub answers "No commit found" to has its findings in the check run instead', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews();
    h.gh.scope
      .post('/repos/acme/shop/pulls/7/reviews')
      .reply(422, { message: `No commit found for SHA: ${h.repo.headSha}` });
    h.gh.updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [completed] = checkWrites(h).filter((w) => w.status === 'completed');
    expect(completed!.conclusion).toBe('failure');
    expect(completed!.output!.title).not.toBe('The review could not finish');
    expect(completed!.output!.annotations!.map((a) => a.title)).toContain(DEAD_LETTER_RULE);
  });
});
