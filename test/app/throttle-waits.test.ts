/**
 * The app's installation clients as `npm start` builds them (server.ts: Probot's octokit with the
 * app's throttling handlers, rate-limit-bound.ts), with the throttling plugin on: Probot's own
 * handlers retry a primary rate limit twice, each after waiting for its reset — up to an hour hidden
 * inside one request, holding the job's lane all that while. Here a brief limit is retried once, and
 * any longer one comes back at once, so the app's typed path sends the job to the queue.
 */
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withBriefRateLimitRetries } from '../../src/adapters/github/rate-limit-bound.js';
import { GitHubClient, GitHubError } from '../../src/adapters/github/client.js';
import type { Octokit } from '../../src/adapters/github/client.js';
import { getPullRequest } from '../../src/adapters/github/pull-request.js';
import { API, APP_ID, INSTALLATION, testPrivateKey } from './support/fake-github.js';
import { primaryLimit, secondaryLimit } from './support/rate-limit-replies.js';

let privateKey: string;
beforeAll(() => {
  privateKey = testPrivateKey();
});
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const PULL = '/repos/acme/shop/pulls/7';

/** An installation client of a Probot built as server.ts builds it; waits are counted, not slept. */
async function installationClient(waits: number[]): Promise<GitHubClient> {
  const Octokit = withBriefRateLimitRetries(ProbotOctokit).defaults((options: Record<string, unknown>) => ({
    ...options,
    // The plugin's wait in ms is `retryAfter × retryAfterBaseValue`: 0 here, each one recorded.
    throttle: { ...(options.throttle as object), retryAfterBaseValue: 0 },
  }));
  const probot = new Probot({ appId: APP_ID, privateKey, logLevel: 'fatal', Octokit });
  nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
  const octokit = (await probot.auth(INSTALLATION)) as unknown as Octokit;
  return new GitHubClient(octokit, 'acme', 'shop', { sleep: async (ms) => void waits.push(ms) });
}

const PULL_DATA = {
  number: 7,
  state: 'open',
  user: { login: 'octocat', type: 'User' },
  head: { sha: 'b'.repeat(40), ref: 'feature', repo: { id: 118, name: 'shop' } },
  base: { sha: 'a'.repeat(40), ref: 'main', repo: { id: 118, name: 'shop' } },
};

describe("the app's installation clients under a rate limit", () => {
  it('hand a primary limit resetting in an hour back at once, typed, after one request', async () => {
    const waits: number[] = [];
    const client = await installationClient(waits);
    const limited = nock(API)
      .get(PULL)
      .times(3)
      .reply(() => primaryLimit(3_600));
    const error = await getPullRequest(client, 7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).failure).toMatchObject({ kind: 'rate-limited' });
    expect(waits).toEqual([]);
    // One request: neither the plugin nor the client tried again inside the limit.
    expect(limited.pendingMocks()).toHaveLength(1);
  });

  it('hand a secondary limit asking for a minute back at once', async () => {
    const waits: number[] = [];
    const client = await installationClient(waits);
    const limited = nock(API)
      .get(PULL)
      .times(3)
      .reply(() => secondaryLimit(60));
    const error = await getPullRequest(client, 7).catch((e: unknown) => e);
    expect((error as GitHubError).failure).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 60 });
    expect(waits).toEqual([]);
    expect(limited.pendingMocks()).toHaveLength(1);
  });

  it('retry a primary limit resetting within the brief bound once, in the job, and go on', async () => {
    // Decided by length, not kind (rate-limit-bound.ts): the reset restores the installation's whole
    // budget, so the one retry a few seconds on goes through; the queue would run the job anew.
    const waits: number[] = [];
    const client = await installationClient(waits);
    const limited = nock(API)
      .get(PULL)
      .reply(() => primaryLimit(3))
      .get(PULL)
      .reply(200, PULL_DATA);
    const pr = await getPullRequest(client, 7);
    expect(pr.number).toBe(7);
    expect(limited.pendingMocks()).toEqual([]);
  });

  it('retry a brief limit once, and go on', async () => {
    const waits: number[] = [];
    const client = await installationClient(waits);
    nock(API)
      .get(PULL)
      .reply(() => secondaryLimit(2))
      .get(PULL)
      .reply(200, PULL_DATA);
    const pr = await getPullRequest(client, 7);
    expect(pr.number).toBe(7);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
