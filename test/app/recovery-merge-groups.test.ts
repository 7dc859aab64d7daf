/**
 * Recovery without Redis, for merge groups: a crash loses the in-process queue, so a group whose job was
 * lost (or that waited for the group ahead) keeps no finished check of this app, and the merge queue
 * would wait for its own timeout. On start the app lists every queue branch of each repository and
 * queues a check of each group without a finished check of both names — read from its branch, as a
 * re-run is. Nock, network disabled, every request asserted.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Octokit } from '../../src/adapters/github/client.js';
import type { JobDescriptor } from '../../src/app/jobs.js';
import { recoverUnfinished } from '../../src/app/recovery.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';

const API = 'https://api.github.com';
const APP_ID = 1;
const BASE = '9'.repeat(40);
const WAITING = 'a'.repeat(40);
const CHECKED = 'b'.repeat(40);
const LOST = 'c'.repeat(40);

let unmatched: string[];
const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);

beforeEach(() => {
  nock.disableNetConnect();
  unmatched = [];
  nock.emitter.on('no match', onNoMatch);
});

afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  nock.cleanAll();
  nock.enableNetConnect();
});

const octokit = () => tokenOctokit() as unknown as Octokit;

function runs(scope: nock.Scope, sha: string, list: { name: string; status: string }[]) {
  scope
    .get(`/repos/acme/shop/commits/${sha}/check-runs`)
    .query({ app_id: String(APP_ID), filter: 'latest', per_page: '100' })
    .reply(200, {
      total_count: list.length,
      check_runs: list.map((r, i) => ({
        id: 700 + i,
        ...r,
        conclusion: r.status === 'completed' ? 'success' : null,
        app: { id: APP_ID },
      })),
    });
}

describe('recovery at start: merge groups', () => {
  it('checks every queued group without a finished check of this app, read from its branch', async () => {
    const scope = nock(API);
    scope
      .get('/app/installations')
      .query({ per_page: '100', page: '1' })
      .reply(200, [{ id: 5, account: { login: 'acme' } }]);
    scope
      .get('/installation/repositories')
      .query({ per_page: '100', page: '1' })
      .reply(200, { total_count: 1, repositories: [{ name: 'shop', owner: { login: 'acme' } }] });
    scope.get('/repos/acme/shop/pulls').query({ state: 'open', per_page: '100', page: '1' }).reply(200, []);
    scope
      .get(/^\/repos\/acme\/shop\/git\/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)$/)
      .reply(200, [
        { ref: `refs/heads/gh-readonly-queue/main/pr-7-${BASE}`, object: { sha: WAITING } },
        { ref: `refs/heads/gh-readonly-queue/release/2.x/pr-8-${BASE}`, object: { sha: CHECKED } },
        { ref: `refs/heads/gh-readonly-queue/main/pr-9-${WAITING}`, object: { sha: LOST } },
        { ref: 'refs/heads/gh-readonly-queue/main/not-a-group', object: { sha: 'd'.repeat(40) } },
      ]);
    runs(scope, WAITING, [
      { name: 'Blueprint review: main', status: 'completed' },
      { name: 'Blueprint sign-off: main', status: 'in_progress' },
    ]);
    runs(scope, CHECKED, [
      { name: 'Blueprint review: release/2.x', status: 'completed' },
      { name: 'Blueprint sign-off: release/2.x', status: 'completed' },
    ]);
    runs(scope, LOST, []);
    const queued: JobDescriptor[] = [];
    const log = { info() {}, warn() {}, error() {}, child: () => log };
    const summary = await recoverUnfinished({
      appOctokit: async () => octokit(),
      installationOctokit: async () => octokit(),
      appId: async () => APP_ID,
      reviewCheckName: 'Blueprint review',
      signoffCheckName: 'Blueprint sign-off',
      enqueue: async (job) => {
        queued.push(job);
        return 'queued';
      },
      log,
    });
    expect(unmatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(summary).toMatchObject({ repositories: 1, pullRequests: 0, mergeGroups: 2, unreadable: 0 });
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'merge-group',
        installationId: 5,
        pullNumber: 7,
        headSha: WAITING,
        base: 'main',
        mergeGroup: {
          headSha: WAITING,
          headRef: `refs/heads/gh-readonly-queue/main/pr-7-${BASE}`,
          baseSha: BASE,
          baseRef: 'refs/heads/main',
        },
      }),
      expect.objectContaining({ kind: 'merge-group', pullNumber: 9, headSha: LOST }),
    ]);
  });
});
