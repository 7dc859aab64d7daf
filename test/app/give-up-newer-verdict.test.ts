/**
 * A later try of a give-up's marks never replaces a verdict a newer job wrote after the first try, and
 * still replaces the success that stood before the give-up (queue-give-up.ts). A sign-off job is given
 * up; its first try is refused by a rate limit, GitHub's answers dated `FIRST_TRY`. By the later try
 * the head's sign-off shows a success: one GitHub completed after `FIRST_TRY` (a review submitted
 * meanwhile was evaluated) stays; the one from before the give-up is replaced by "not evaluated". Both
 * queues (in process, BullMQ on a real Redis), Probot's way, every GitHub request answered by nock.
 */
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { AppOptions } from '../../src/app/runtime.js';
import { jobHandlers } from '../../src/app/job-handlers.js';
import type { JobDescriptor, JobSettings } from '../../src/app/jobs.js';
import { mergeGroupRequest } from '../../src/app/jobs.js';
import { AppMetrics } from '../../src/app/metrics.js';
import type { Octokit } from '../../src/adapters/github/client.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';
import { API, APP_ID, INSTALLATION, payload } from './support/fake-github.js';
import { useNockedApps } from './support/nocked-apps.js';
import { testProbot } from './support/test-probot.js';
import { secondaryLimit } from './support/rate-limit-replies.js';
import { listedRuns } from './support/completed-run.js';

const REPO_PATH = '/repos/acme/shop';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const SIGNOFF = 'Blueprint sign-off: main';
const ATTEMPTS = 2;
/** GitHub's time (its `Date` header) of the first try of the marks. */
const FIRST_TRY = 'Sun, 06 Dec 2026 17:00:10 GMT';
/** The success standing before the job was given up (the one its marks are to replace). */
const BEFORE = '2026-12-06T16:58:00Z';
/** A success a newer evaluation wrote after the first try. */
const AFTER = '2026-12-06T17:00:30Z';

const { apps, unmatched, privateKey, backends } = useNockedApps();

const dated = { date: FIRST_TRY };
const openPull = {
  number: 7,
  state: 'open',
  user: { login: 'octocat', type: 'User' },
  head: { sha: HEAD, ref: 'feature', repo: { id: 118, name: 'shop' } },
  base: { sha: 'b'.repeat(40), ref: 'main', repo: { id: 118, name: 'shop' } },
};

/** The head's sign-off runs as GitHub lists them for the app: one success, completed at `completedAt`. */
function signoffSuccess(scope: nock.Scope, completedAt: string, headers: Record<string, string> = {}) {
  const output = { title: 'Signed off', summary: 'All approvals are in.' };
  scope
    .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
    .query({ app_id: String(APP_ID), check_name: SIGNOFF, filter: 'all', per_page: '100' })
    .reply(200, listedRuns({ id: 501, name: SIGNOFF, conclusion: 'success', completedAt, output }), headers);
}

/** The app, with a sign-off job given up (GitHub does not answer its read, attempt after attempt). */
async function givenUpSignoff(options: () => AppOptions) {
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
  scope.get(`${REPO_PATH}/pulls/7`).times(ATTEMPTS).reply(502, { message: 'Bad Gateway' });
  // The first try of the marks: the success standing before the give-up is to be replaced, but a
  // secondary limit refuses the write (again after the client's brief wait).
  scope.get(`${REPO_PATH}/pulls/7`).reply(200, openPull, dated);
  signoffSuccess(scope, BEFORE, dated);
  scope
    .get(/\/git\/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)main(\/|%2F)$/)
    .reply(200, [], dated);
  let refused = 0;
  scope
    .patch(`${REPO_PATH}/check-runs/501`)
    .times(2)
    .reply(() => {
      refused++;
      const [status, body, headers] = secondaryLimit(1);
      return [status, body, { ...headers, ...dated }];
    });
  // The later try reads the pull request again.
  scope.get(`${REPO_PATH}/pulls/7`).reply(200, openPull);
  return { app, probot, scope, refused: () => refused };
}

async function receiveReview(
  app: BlueprintReviewApp,
  probot: Awaited<ReturnType<typeof givenUpSignoff>>['probot'],
) {
  await probot.receive({
    id: randomUUID(),
    name: 'pull_request_review',
    payload: payload('pull_request_review.submitted'),
  } as never);
  await app.runtime()!.queue.idle();
}

describe.each(backends)('a later try of the marks of a sign-off job given up (%s)', (_label, options) => {
  it('leaves a success GitHub completed after the first try: a newer evaluation wrote it', async () => {
    const { app, probot, scope, refused } = await givenUpSignoff(options);
    signoffSuccess(scope, AFTER);
    const written: unknown[] = [];
    scope
      .patch(/\/check-runs\/\d+$/)
      .optionally()
      .reply((_uri, body) => {
        written.push(body);
        return [200, {}];
      });
    await receiveReview(app, probot);
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(refused()).toBe(2);
    expect(written).toEqual([]);
  }, 30_000);

  it('still replaces the success that stood before the give-up', async () => {
    const { app, probot, scope, refused } = await givenUpSignoff(options);
    signoffSuccess(scope, BEFORE);
    scope.get(/\/git\/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)main(\/|%2F)$/).reply(200, []);
    const written: { conclusion?: string; output?: { title?: string } }[] = [];
    scope.patch(`${REPO_PATH}/check-runs/501`).reply((_uri, body) => {
      written.push(body as (typeof written)[number]);
      return [200, {}];
    });
    await receiveReview(app, probot);
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(refused()).toBe(2);
    expect(written).toMatchObject([
      { conclusion: 'failure', output: { title: 'Not evaluated — re-run this check' } },
    ]);
  }, 30_000);
});

/** The handlers' marks of a job given up, the review check only (no sign-off configured). */
function reviewOnlyHandlers() {
  const quiet = { info() {}, warn() {}, error() {} };
  return jobHandlers({
    jobSettings: {
      review: { client: { sleep: async () => {} }, appId: async () => APP_ID, checkName: 'Blueprint review' },
    } as unknown as JobSettings,
    metrics: new AppMetrics(() => undefined),
    octokitFor: async () => tokenOctokit() as unknown as Octokit,
    threads: undefined,
    jobLog: () => quiet,
    enqueue: () => Promise.resolve('queued'),
  });
}

const REVIEW = 'Blueprint review: main';
const SINCE = new Date(FIRST_TRY).toISOString();
const GROUP_EVENT = {
  headSha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d',
  headRef: 'refs/heads/gh-readonly-queue/main/pr-7-9049f1265b7d61be4a8904a9a27120d2064dab3b',
  baseSha: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
  baseRef: 'refs/heads/main',
};

/** A job of pull request 7 at the head, of `kind`. */
const pullRequestJob = (kind: Partial<JobDescriptor>) => (): JobDescriptor => ({
  kind: 'review',
  installationId: INSTALLATION,
  repositoryId: 118,
  owner: 'acme',
  repo: 'shop',
  pullNumber: 7,
  headSha: HEAD,
  base: 'main',
  force: false,
  deliveryId: randomUUID(),
  ...kind,
});

const groupJob = (): JobDescriptor => ({
  ...mergeGroupRequest(GROUP_EVENT),
  installationId: INSTALLATION,
  repositoryId: 118,
  owner: 'acme',
  repo: 'shop',
  deliveryId: randomUUID(),
});

/** Where the review success the marks are to replace stands, as the look for it asks GitHub. */
interface Standing {
  sha: string;
  query: Record<string, string>;
  id: number;
}

const reviewQuery = (filter: 'latest' | 'all') => ({
  app_id: String(APP_ID),
  check_name: REVIEW,
  filter,
  per_page: '100',
});

/** Jobs whose marks replace a review success: a re-run of the review, a config change's, a merge group's. */
const withdrawing: [string, () => JobDescriptor, Standing][] = [
  [
    'a re-run of the review',
    pullRequestJob({ kind: 'review', force: true }),
    { sha: HEAD, query: reviewQuery('latest'), id: 601 },
  ],
  [
    'a marking after a config change',
    pullRequestJob({ kind: 'signoff', force: true, stale: true }),
    { sha: HEAD, query: reviewQuery('all'), id: 601 },
  ],
  [
    'a merge group',
    groupJob,
    {
      sha: GROUP_EVENT.headSha,
      query: { app_id: String(APP_ID), filter: 'latest', per_page: '100' },
      id: 701,
    },
  ],
];

describe.each(withdrawing)('a later try of the marks of %s given up', (_label, given, standing) => {
  /** The review check's runs as the look asks for them: one success, completed at `completedAt`. */
  function reviewSuccess(scope: nock.Scope, completedAt: string) {
    const output = { title: 'No findings', summary: 'Reviewed.' };
    scope
      .get(`${REPO_PATH}/commits/${standing.sha}/check-runs`)
      .query(standing.query)
      .reply(200, listedRuns({ id: standing.id, name: REVIEW, conclusion: 'success', completedAt, output }));
  }
  const laterTry = () =>
    reviewOnlyHandlers().abandoned!(given(), 'it failed 4 times', new Error('Bad Gateway'), undefined, {
      since: SINCE,
      last: false,
    });

  it('leaves a review success GitHub completed after the first try: a newer job wrote it', async () => {
    const scope = nock(API);
    reviewSuccess(scope, AFTER);
    await laterTry();
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
  });

  it('replaces the review success that stood before the give-up', async () => {
    const scope = nock(API);
    reviewSuccess(scope, BEFORE);
    scope.get(/\/git\/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)main(\/|%2F)$/).reply(200, []);
    const written: { conclusion?: string }[] = [];
    scope.patch(`${REPO_PATH}/check-runs/${standing.id}`).reply((_uri, body) => {
      written.push(body as (typeof written)[number]);
      return [200, {}];
    });
    await laterTry();
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(written).toMatchObject([{ conclusion: 'failure' }]);
  });
});
