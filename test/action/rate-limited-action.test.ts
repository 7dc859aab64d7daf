/**
 * The Action rate-limited by GitHub, through the committed bundle: a primary limit resets up to an
 * hour away, and Probot's octokit by default waits for the reset inside the one request — holding the
 * runner (billed minutes, a job timeout) with nothing in the log. The Action waits a limit out only up
 * to a minute (its client's own wait, main.ts); one asking for longer fails the step at once, saying
 * GitHub rate-limited it, and the check says so too.
 */
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../app/support/fake-github.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { addEventFlowWithoutDeadLetter, shopFiles } from '../app/support/shop.js';
import { loadBundle, runBundle } from './support/bundle-run.js';

const cleanups: (() => void)[] = [];

// Importing the bundle (megabytes of JavaScript) takes seconds: apart from the run, whose time is bounded.
beforeAll(() => loadBundle(), 60_000);
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('the bundled Action rate-limited by GitHub', () => {
  // Without the bound, the run would wait out the hour: this test's timeout is what it then fails on.
  it('fails the step at once, saying so, on a primary limit that resets in an hour', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, addEventFlowWithoutDeadLetter(base));
    const gh = new FakeGitHub(repo);
    cleanups.push(() => {
      gh.dispose();
      repo.remove();
    });
    gh.findCheck(repo.headSha, [], 200, null).createCheck();
    // Reading the pull request meets the installation's primary limit, reset an hour from now.
    let limited = 0;
    gh.scope.get('/repos/acme/shop/pulls/7').reply(() => {
      limited++;
      const reset = String(Math.ceil(Date.now() / 1000) + 3_600);
      return [
        403,
        { message: 'API rate limit exceeded for installation ID 4242.' },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      ];
    });
    gh.updateCheck();

    const run = await runBundle(repo, { INPUT_TOKEN: 'ghs_test' });
    expect(gh.unmatched).toEqual([]);
    expect(gh.scope.pendingMocks()).toEqual([]);
    expect(limited).toBe(1);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("GitHub rate-limited the token's requests");
    const [completed] = gh.find('PATCH', '/repos/acme/shop/check-runs/1001');
    expect(completed!.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(JSON.stringify(completed!.body)).toContain('rate-limited');
  }, 20_000);
});
