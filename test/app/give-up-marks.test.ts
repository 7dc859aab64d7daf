/**
 * The marks of a job given up that could not be written yet are tried again later (bounded), never
 * only logged. A merge group's job whose marks GitHub refuses for a while (a rate limit): the group's
 * checks are the only thing the merge queue waits on, so a mark only logged would leave them pending
 * until the queue's own timeout, saying nothing. The queue marks the group again once the limit has
 * lifted — with the in-process queue and with BullMQ on a real Redis. Probot's way, every GitHub
 * request answered by nock. And a job given up whose client could not be had at all.
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { jobHandlers } from '../../src/app/job-handlers.js';
import type { JobSettings } from '../../src/app/jobs.js';
import { AppMetrics } from '../../src/app/metrics.js';
import { MarksNotWritten } from '../../src/app/queue-give-up.js';
import type { Octokit } from '../../src/adapters/github/client.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';
import { API, APP_ID, INSTALLATION, payload } from './support/fake-github.js';
import { useNockedApps } from './support/nocked-apps.js';
import { graphqlPageJob } from './support/sweep-jobs.js';
import { testProbot } from './support/test-probot.js';
import { primaryLimit, secondaryLimit } from './support/rate-limit-replies.js';

const REPO_PATH = '/repos/acme/shop';
const GROUP = payload('merge_group.checks_requested').merge_group as { head_sha: string };
const NAMES = ['Blueprint review: main', 'Blueprint sign-off: main'];
const ATTEMPTS = 2;

const { apps, unmatched, privateKey, backends } = useNockedApps();

/** The group's checks GitHub lists for the app on its head: none yet. */
function noChecksYet(scope: nock.Scope) {
  scope
    .get(`${REPO_PATH}/commits/${GROUP.head_sha}/check-runs`)
    .query({ app_id: String(APP_ID), filter: 'latest', per_page: '100' })
    .reply(200, { total_count: 0, check_runs: [] });
}

describe.each(backends)('a merge group given up whose marks GitHub rate-limits (%s)', (_label, options) => {
  it('is marked failed once the limit lifts, not left pending', async () => {
    const app = createBlueprintReviewApp({
      botLogin: 'blueprint-review[bot]',
      appId: APP_ID,
      retry: { attempts: ATTEMPTS, backoffMs: 20 },
      client: { sleep: async () => {} },
      ...options(),
    });
    apps.push(app);
    const probot = testProbot({ privateKey: privateKey() });
    await probot.load(app.app);
    const scope = nock(API);
    scope
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, { token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    // GitHub does not answer reading the group's pull request, attempt after attempt: the job is given up.
    scope.get(`${REPO_PATH}/pulls/7`).times(ATTEMPTS).reply(502, { message: 'Bad Gateway' });
    // The give-up's first mark is refused by a secondary limit, again after the client's brief wait.
    noChecksYet(scope);
    let refused = 0;
    scope
      .post(`${REPO_PATH}/check-runs`)
      .times(2)
      .reply(() => {
        refused++;
        return secondaryLimit(1);
      });
    // Once it has lifted, the queue marks the group again: both checks, then the groups built on it.
    noChecksYet(scope);
    const written: { name: string; head_sha: string; conclusion: string; output: { title: string } }[] = [];
    scope
      .post(`${REPO_PATH}/check-runs`)
      .times(2)
      .reply((_uri, body) => {
        written.push(body as (typeof written)[number]);
        return [201, { id: 1001 + written.length }];
      });
    scope.get(/\/git\/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)main(\/|%2F)$/).reply(200, []);

    await probot.receive({
      id: randomUUID(),
      name: 'merge_group',
      payload: payload('merge_group.checks_requested'),
    } as never);
    await app.runtime()!.queue.idle();
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(refused).toBe(2);
    expect(written.map((c) => c.name).sort()).toEqual(NAMES);
    for (const check of written)
      expect(check).toMatchObject({
        head_sha: GROUP.head_sha,
        conclusion: 'failure',
        output: { title: 'Not evaluated — queue the pull request again' },
      });
  }, 30_000);
});

describe('a job given up whose installation client cannot be had', () => {
  it('has the queue try its marks again later, not only log it', async () => {
    const quiet = { info() {}, warn() {}, error() {} };
    const handlers = jobHandlers({
      // Never reached: the marks stop at the client.
      jobSettings: {} as JobSettings,
      metrics: new AppMetrics(() => undefined),
      octokitFor: () => Promise.reject(new Error('the installation token could not be had')),
      threads: undefined,
      jobLog: () => quiet,
      enqueue: () => Promise.resolve('queued'),
    });
    const job = {
      kind: 'review' as const,
      installationId: INSTALLATION,
      repositoryId: 118,
      owner: 'acme',
      repo: 'shop',
      pullNumber: 7,
      headSha: 'a'.repeat(40),
      base: 'main',
      force: false,
      deliveryId: randomUUID(),
    };
    const marked = handlers.abandoned!(job, 'it failed 4 times', new Error('Bad Gateway'));
    await expect(marked).rejects.toBeInstanceOf(MarksNotWritten);
  });
});

describe("a sweep's page given up that GitHub does not give for a while", () => {
  it('is read again later, not only logged: the pull requests it was about keep a stale success else', async () => {
    const quiet = { info() {}, warn() {}, error() {} };
    const handlers = jobHandlers({
      jobSettings: { review: { client: { sleep: async () => {} } } } as unknown as JobSettings,
      metrics: new AppMetrics(() => undefined),
      octokitFor: async () => tokenOctokit() as unknown as Octokit,
      threads: undefined,
      jobLog: () => quiet,
      enqueue: () => Promise.resolve('queued'),
    });
    // The installation's repositories, the walk's first read: GitHub does not answer.
    const scope = nock(API)
      .get('/installation/repositories')
      .query(true)
      .reply(502, { message: 'Bad Gateway' });
    const page = {
      kind: 'signoff' as const,
      installationId: INSTALLATION,
      repositoryId: undefined,
      owner: 'acme',
      repo: '',
      pullNumber: 0,
      headSha: '',
      base: '',
      force: true,
      deliveryId: randomUUID(),
      sweep: { mode: 'stale' as const, limit: 20, delivery: randomUUID() },
    };
    const marked = handlers.abandoned!(page, 'it failed 4 times', new Error('Bad Gateway'));
    await expect(marked).rejects.toBeInstanceOf(MarksNotWritten);
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe("a sweep's page given up whose pull requests the queue refuses", () => {
  it("marks every pull request on the page, even after one's marks are refused for a while", async () => {
    const quiet = { info() {}, warn() {}, error() {} };
    const handlers = jobHandlers({
      jobSettings: {
        review: {
          client: { sleep: async () => {} },
          appId: async () => APP_ID,
          checkName: 'Blueprint review',
        },
      } as unknown as JobSettings,
      metrics: new AppMetrics(() => undefined),
      octokitFor: async () => tokenOctokit() as unknown as Octokit,
      threads: undefined,
      jobLog: () => quiet,
      // The queue refuses them (Redis down): their checks are marked where they stand instead.
      enqueue: () => Promise.reject(new Error('the queue is not reachable')),
    });
    const heads = ['a'.repeat(40), 'b'.repeat(40)];
    const scope = nock(API)
      .post('/graphql')
      .reply(200, {
        data: {
          repository: {
            databaseId: 1,
            pullRequests: {
              nodes: heads.map((sha, i) => ({ number: 8 - i, headRefOid: sha, baseRefName: 'main' })),
              pageInfo: { hasNextPage: false, endCursor: null },
            },
          },
        },
      });
    // Each pull request's review check is looked up to withdraw a success: GitHub's primary limit,
    // spent for the hour, refuses both lookups (the queue is to mark them again later).
    const asked: string[] = [];
    scope
      .get(/\/repos\/acme\/shop\/commits\/[0-9a-f]{40}\/check-runs/)
      .query(true)
      .times(2)
      .reply((uri) => {
        asked.push(/commits\/([0-9a-f]{40})/.exec(uri)![1]!);
        return primaryLimit(3_600);
      });
    const page = graphqlPageJob();
    const marked = handlers.abandoned!(page, 'it failed 4 times', new Error('Bad Gateway'));
    await expect(marked).rejects.toBeInstanceOf(MarksNotWritten);
    // Both were tried: the first refusal did not leave the rest of the page unmarked.
    expect(asked).toEqual(heads);
    expect(scope.pendingMocks()).toEqual([]);
  });
});
