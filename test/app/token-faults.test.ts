/**
 * The installation token refused at the start of a review (POST /app/installations/{id}/access_tokens),
 * through the real Probot app and nock. GitHub not answering it for a moment costs the review nothing:
 * the queue runs it again and it ends with its verdict.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckBody } from './support/app-harness.js';
import { CONFIG, harness, pullRequestEvent } from './support/app-harness.js';
import { INSTALLATION } from './support/fake-github.js';
import { addEventFlowWithoutDeadLetter, shopFiles } from './support/shop.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const TOKEN = `/app/installations/${INSTALLATION}/access_tokens`;

describe('the installation token refused at the start of a review', () => {
  it('a 502 to the token request is retried by the queue: the review ends with its verdict', async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    h.gh.scope.post(TOKEN).reply(502, { message: 'Bad Gateway' });
    h.gh.token().findCheck(h.repo.headSha).createCheck().getPull().config(CONFIG).files(h.files).compare();
    await h.gh.tree(h.repo.headSha);
    await h.gh.tree(h.repo.baseSha);
    await h.gh.blobs('blueprint');
    h.gh.threads().listReviews().createReview().updateCheck(1001);
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [completed] = h.gh
      .find('PATCH', '/repos/acme/shop/check-runs/1001')
      .map((c) => c.body as CheckBody);
    expect(completed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completed!.output!.title).not.toBe('The review could not finish');
  });
});
