/**
 * GitHub rate-limiting the writes of the review check itself, through the real Probot app and nock:
 * the failure cannot be written either (the limit holds for every write), so settling the job would
 * leave the check `in_progress` — or none at all — for good. The queue runs the job again once the
 * limit has lifted, and the review is written then. And a head whose tree GitHub does not serve yet
 * (404 right after a push) is tried again like a head it does not know yet, not reported gone.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckBody, Harness } from './support/app-harness.js';
import { CONFIG, harness, pullRequestEvent } from './support/app-harness.js';
import { API } from './support/fake-github.js';
import { addEventFlowWithoutDeadLetter, shopFiles } from './support/shop.js';
import { primaryLimit, primaryLimitUntil, secondaryLimit } from './support/rate-limit-replies.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const RUNS = '/repos/acme/shop/check-runs';

type Limit = { kind: 'primary' } | { kind: 'secondary' };

/**
 * Check-run writes (create, update) refused by a rate limit for `seconds` from the first write of
 * `from` on, as GitHub refuses them: a primary limit says when it resets, a secondary one how long to
 * wait. Every write is recorded with whether it was taken.
 */
function limitCheckWrites(h: Harness, from: 'POST' | 'PATCH', seconds: number, limit: Limit) {
  const writes: { method: string; taken: boolean; body: CheckBody }[] = [];
  let until: number | undefined;
  const answer =
    (method: 'POST' | 'PATCH') =>
    (_uri: string, body: unknown): [number, unknown, Record<string, string>] => {
      const now = Date.now();
      if (until === undefined && method === from) until = now + seconds * 1000;
      const refused = until !== undefined && now < until;
      writes.push({ method, taken: !refused, body: body as CheckBody });
      if (!refused) return [method === 'POST' ? 201 : 200, { id: 1001 }, {}];
      return limit.kind === 'primary' ? primaryLimitUntil(Math.ceil(until! / 1000)) : secondaryLimit(seconds);
    };
  // A scope of their own: `persist` holds for every interceptor of a scope.
  nock(API).persist().post(RUNS).reply(answer('POST')).patch(`${RUNS}/1001`).reply(answer('PATCH'));
  return writes;
}

/** The reads of one review attempt of the harness's pull request, with its runs on the head. */
async function reviewReads(h: Harness, runs: Parameters<Harness['gh']['findCheck']>[1] = []) {
  h.gh.findCheck(h.repo.headSha, runs).getPull().config(CONFIG).files(h.files).compare();
  await h.gh.tree(h.repo.headSha);
  await h.gh.tree(h.repo.baseSha);
}

const inProgress = [{ id: 1001, status: 'in_progress', conclusion: null }];

describe("a rate limit on the review check's own writes", () => {
  it('the completion refused until the primary limit resets: the review is written once it has', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    const writes = limitCheckWrites(h, 'PATCH', 2, { kind: 'primary' });
    h.gh.token();
    await reviewReads(h);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview();
    // The refused completion goes to the queue, which runs the job again once the limit has lifted:
    // the run in progress is adopted, and its review is found posted already.
    await reviewReads(h, inProgress);
    h.gh.threads().listReviews(() => h.gh.postedReviews());
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    h.done();
    const taken = writes.filter((w) => w.taken);
    expect(taken.map((w) => w.body.status)).toEqual(['in_progress', 'completed']);
    expect(taken.at(-1)!.body.conclusion).toBe('failure');
    expect(taken.at(-1)!.body.output!.title).not.toBe('The review could not finish');
    expect(taken.at(-1)!.body.output!.summary).not.toContain('rate-limited');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('the run refused from its start by a secondary limit: the run appears, with its review, once it lifts', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    const writes = limitCheckWrites(h, 'POST', 2, { kind: 'secondary' });
    h.gh.token().findCheck(h.repo.headSha);
    await reviewReads(h);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    const taken = writes.filter((w) => w.taken);
    expect(taken.map((w) => w.body.status)).toEqual(['in_progress', 'completed']);
    expect(taken.at(-1)!.body.output!.title).not.toBe('The review could not finish');
    expect(taken.at(-1)!.body.output!.summary).not.toContain('rate-limited');
    expect(writes.some((w) => !w.taken)).toBe(true);
  });
});

describe('a rate limit on the write that says a review was given up', () => {
  it('the failure is written once the limit lifts, not only logged', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token();
    // GitHub does not answer the look for an earlier run, attempt after attempt: the queue gives up.
    for (let attempt = 1; attempt <= 4; attempt++) h.gh.findCheck(h.repo.headSha, [], 502);
    // The give-up's run is refused by a primary limit resetting in 2 s, again after the client's
    // brief wait; the queue marks the job again once it has reset.
    h.gh.findCheck(h.repo.headSha);
    let refused = 0;
    h.gh.scope
      .post(RUNS)
      .times(2)
      .reply(() => {
        refused++;
        return primaryLimit(2);
      });
    h.gh.findCheck(h.repo.headSha).createCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(refused).toBe(2);
    const [failed] = h.gh.find('POST', RUNS).map((c) => c.body as CheckBody);
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
    expect(failed!.output!.summary).toContain('GitHub answered 502');
  });
});

describe('a rate limit on the look before a review given up is marked', () => {
  it('the run is marked once the limit lifts, not hidden behind a new one', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    // GitHub does not answer reading the pull request, attempt after attempt: the queue gives up.
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (attempt > 1) h.gh.findCheck(h.repo.headSha, inProgress);
      h.gh.scope.get('/repos/acme/shop/pulls/7').reply(502, { message: 'Bad Gateway' });
    }
    // The give-up's look for the run is refused by a primary limit resetting in 2 s, again after the
    // client's brief wait; once it has reset, the run in progress is found and marked failed.
    let refused = 0;
    h.gh.scope
      .get(`/repos/acme/shop/commits/${h.repo.headSha}/check-runs`)
      .query(true)
      .times(2)
      .reply(() => {
        refused++;
        return primaryLimit(2);
      });
    h.gh.findCheck(h.repo.headSha, inProgress).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(refused).toBe(2);
    // Only the review's own run: no second run created to say it failed.
    expect(h.gh.find('POST', RUNS)).toHaveLength(1);
    const [failed] = h.gh.find('PATCH', `${RUNS}/1001`).map((c) => c.body as CheckBody);
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
  });
});

describe('a head whose tree GitHub does not serve yet', () => {
  it('is reviewed once it does, not reported gone', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha, 404);
    await h.gh.tree(h.repo.baseSha);
    await reviewReads(h, inProgress);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    const completed = h.gh.find('PATCH', `${RUNS}/1001`).map((c) => c.body as CheckBody);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.output!.summary).not.toContain('answered 404');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('is reported gone only once the queue gives it up', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (attempt > 1) h.gh.findCheck(h.repo.headSha, inProgress);
      h.gh.getPull().config(CONFIG).files(h.files).compare();
      await h.gh.tree(h.repo.headSha, 404);
      await h.gh.tree(h.repo.baseSha);
    }
    h.gh.findCheck(h.repo.headSha, inProgress).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    const [failed] = h.gh.find('PATCH', `${RUNS}/1001`).map((c) => c.body as CheckBody);
    expect(failed!.conclusion).toBe('failure');
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
    expect(failed!.output!.summary).toContain('GitHub answered 404 to GET');
    expect(failed!.output!.summary).toContain("the commit's files are gone");
  });
});

/** The comparison of the base with the head answering 404, by the base's name and by its commit. */
function compareUnknown(h: Harness): void {
  for (const base of ['main', h.repo.baseSha])
    h.gh.scope
      .get(`/repos/acme/shop/compare/${base}...${h.repo.headSha}`)
      .query({ per_page: '1' })
      .reply(404, { message: 'Not Found' });
}

describe('a head the comparison does not know yet (404 right after a push)', () => {
  it('is reviewed once it does, not reported gone', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files);
    compareUnknown(h);
    await h.gh.tree(h.repo.headSha);
    await reviewReads(h, inProgress);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    const completed = h.gh.find('PATCH', `${RUNS}/1001`).map((c) => c.body as CheckBody);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.output!.summary).not.toContain('answered 404');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(1);
  });

  it('is reported gone only once the queue gives it up', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (attempt > 1) h.gh.findCheck(h.repo.headSha, inProgress);
      h.gh.getPull().config(CONFIG).files(h.files);
      compareUnknown(h);
      await h.gh.tree(h.repo.headSha);
    }
    h.gh.findCheck(h.repo.headSha, inProgress).updateCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    expect(h.gh.unmatched).toEqual([]);
    const [failed] = h.gh.find('PATCH', `${RUNS}/1001`).map((c) => c.body as CheckBody);
    expect(failed!.conclusion).toBe('failure');
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
    expect(failed!.output!.summary).toContain(`GitHub answered 404 to GET`);
    expect(failed!.output!.summary).toContain('/compare/');
  });
});

describe('the installation token refused when a review given up is marked', () => {
  it('the failure is written once GitHub hands out a token again, not only logged', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    // GitHub refuses to mint the installation token (a secondary limit), so every request fails before
    // it is sent: at each of the job's attempts and at the give-up's first try of its marks, twice
    // each (the client waits the brief limit out once).
    let refused = 0;
    h.gh.scope
      .post('/app/installations/4242/access_tokens')
      .times(10)
      .reply(() => {
        refused++;
        return secondaryLimit(1);
      });
    // Once GitHub hands one out, the queue's next try of the marks writes the failed check.
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    expect(refused).toBe(10);
    const [failed] = h.gh.find('POST', RUNS).map((c) => c.body as CheckBody);
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(failed!.output!.summary).toContain('it failed 4 times, and is not tried again');
    expect(failed!.output!.summary).toContain("GitHub rate-limited the token's requests");
  });
});
