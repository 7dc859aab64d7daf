/**
 * A verdict write (every job that writes the sign-off check, a merge group's, a stale mark) refused by
 * a rate limit: one asking for a long wait goes to the queue at once — five tries with backoff inside
 * an hour-long limit only held the pull request's lane — while a brief one is still tried again in
 * the job. The queue's next attempt comes no sooner than the limit asked.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { CheckRun } from '../../src/adapters/github/check-run.js';
import { retryDelay } from '../../src/app/queue.js';
import { VerdictNotWritten, writeVerdict } from '../../src/app/verdict-writing.js';
import { API, APP_ID } from './support/fake-github.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const RUN = '/repos/acme/shop/check-runs/1001';
const OUTPUT = { conclusion: 'failure' as const, title: 'Blocked', summary: 'Blocked.' };

function signoffCheck(sleeps: number[]): CheckRun {
  const client = new GitHubClient(tokenOctokit(), 'acme', 'shop', {
    sleep: async (ms) => void sleeps.push(ms),
  });
  return new CheckRun(client, 'Blueprint sign-off: main', 'b'.repeat(40), APP_ID, 1001);
}

describe('a verdict write refused by a rate limit', () => {
  it('asking for half an hour: goes to the queue after one write, without waiting in the job', async () => {
    const sleeps: number[] = [];
    const reset = String(Math.ceil(Date.now() / 1000) + 1_800);
    let writes = 0;
    nock(API)
      .patch(RUN)
      .times(5)
      .reply(() => {
        writes++;
        return [
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        ];
      });
    const error = await writeVerdict(
      signoffCheck(sleeps),
      OUTPUT,
      'success',
      async (ms) => void sleeps.push(ms),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerdictNotWritten);
    expect(writes).toBe(1);
    expect(sleeps).toEqual([]);
    // The queue waits the limit out (about half an hour), not its seconds of backoff.
    expect(retryDelay({ attempts: 4, backoffMs: 2_000 }, 1, error, () => 0.5)).toBeGreaterThan(1_700_000);
  });

  it('asking for a moment: tried again in the job, and written', async () => {
    const sleeps: number[] = [];
    nock(API)
      .patch(RUN)
      .times(2)
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '2' })
      .patch(RUN)
      .reply(200, { id: 1001 });
    await writeVerdict(signoffCheck(sleeps), OUTPUT, 'success', async (ms) => void sleeps.push(ms));
    expect(nock.pendingMocks()).toEqual([]);
    // The client's one wait for the limit, then the verdict's own backoff before its second try.
    expect(sleeps[0]).toBe(2_000);
    expect(sleeps).toHaveLength(2);
  });
});
