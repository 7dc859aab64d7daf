/**
 * The scan for work a lost queue left unfinished runs outside any job (no lane, no worker waits on
 * it): a rate limit asking for a minute is waited out there, as GitHub asks, rather than the
 * repository skipped — skipped, its pull requests' unfinished work would stay lost until the next
 * scan. Jobs wait only briefly (rate-limit-bound.ts); this scan is not one.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverUnfinished } from '../../src/app/recovery.js';
import { API } from './support/fake-github.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const quiet = { info() {}, warn() {}, error() {}, child: () => quiet };

describe('a recovery scan under a minute-long rate limit', () => {
  it('waits it out and looks through the repository', async () => {
    const sleeps: number[] = [];
    nock(API)
      .get('/app/installations')
      .query(true)
      .reply(200, [{ id: 42, account: { login: 'acme' } }])
      .get('/installation/repositories')
      .query(true)
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '60' })
      .get('/installation/repositories')
      .query(true)
      .reply(200, { total_count: 1, repositories: [{ id: 118, name: 'shop', owner: { login: 'acme' } }] })
      .get('/repos/acme/shop/pulls')
      .query(true)
      .reply(200, [])
      .get('/repos/acme/shop/git/matching-refs/heads%2Fgh-readonly-queue%2F')
      .reply(200, []);
    const summary = await recoverUnfinished({
      appOctokit: async () => tokenOctokit(),
      installationOctokit: async () => tokenOctokit(),
      appId: async () => 1,
      reviewCheckName: 'Blueprint review',
      signoffCheckName: undefined,
      enqueue: async () => 'queued',
      log: quiet,
      client: { sleep: async (ms) => void sleeps.push(ms) },
    });
    expect(nock.pendingMocks()).toEqual([]);
    expect(sleeps).toEqual([60_000]);
    expect(summary).toMatchObject({ repositories: 1, unreadable: 0 });
  });
});
