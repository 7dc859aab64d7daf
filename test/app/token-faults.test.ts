/**
 * The installation token refused at the start of a review (POST /app/installations/{id}/access_tokens),
 * through the real Probot app and nock. GitHub not answering it for a moment costs the review nothing:
 * the queue runs it again and it ends with its verdict. Refused for good, nothing can be written on
 * GitHub: the log says it was the token, of which installation, and what to do — not the repository
 * request the token was for.
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

describe('the installation token refused every time', () => {
  // A 401 may pass (a glitch, a key being rotated), as may a 5xx: the queue tries again. An
  // installation GitHub says is gone or suspended is not tried again.
  it.each([
    [401, 'Bad credentials', ["installation 4242's token", 'APP_ID', 'PRIVATE_KEY'], 4],
    [404, 'Not Found', ['installation 4242', 'uninstalled', 'Reinstall the app'], 1],
    [403, 'This installation has been suspended', ['installation 4242', 'suspended'], 1],
    [502, 'Bad Gateway', [`GitHub answered 502 (a server error) to POST ${TOKEN}`], 4],
  ] as const)(
    '%i: the job fails saying it was the token and what to do',
    async (status, message, says, attempts) => {
      const base = shopFiles();
      const h = await harness(base, addEventFlowWithoutDeadLetter(base));
      h.gh.scope.post(TOKEN).reply(status, { message }).persist();
      await h.deliver('pull_request', pullRequestEvent(h.repo));
      await h.idle();
      h.done();
      // Each attempt's failure, and the give-up's reason when the queue retried it.
      const failed = h.errors.filter((e) => /^review (of acme\/shop#7 at \w+ failed|given up): /.test(e));
      expect(failed.filter((e) => e.startsWith('review of'))).toHaveLength(attempts);
      for (const line of failed) {
        for (const words of says) expect(line).toContain(words);
        // The token failed, not the request it was asked for.
        expect(line).not.toContain('check-runs');
      }
    },
  );
});

describe('the installation token refused until the give-up marks its check', () => {
  it("the check says it was the app's credentials, not the request the token was for", async () => {
    const base = shopFiles();
    const h = await harness(base, addEventFlowWithoutDeadLetter(base));
    // Refused to each of the queue's 4 attempts (a private key being rotated)…
    h.gh.scope.post(TOKEN).times(4).reply(401, { message: 'A JSON web token could not be decoded' });
    // …handed out again when the give-up marks the check.
    h.gh.token().findCheck(h.repo.headSha).createCheck();
    await h.deliver('pull_request', pullRequestEvent(h.repo));
    await h.idle();
    h.done();
    const [failed] = h.gh.find('POST', '/repos/acme/shop/check-runs').map((c) => c.body as CheckBody);
    expect(failed).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const summary = failed!.output!.summary.replace(/\n\s+/g, ' ');
    expect(summary).toContain('it failed 4 times, and is not tried again');
    expect(summary).toContain("GitHub refused the app's own credentials (401");
    expect(summary).toContain("installation 4242's token");
    expect(summary).not.toContain('GitHub rejected the credentials (401) for GET');
  });
});
