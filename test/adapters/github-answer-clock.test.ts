/**
 * GitHub's clock, as its answers state it, and a verdict's time by it: what a later try of a
 * give-up's marks compares (queue-give-up.ts). GitHub's `Date` of answers and errors alike, the
 * latest one; `completed_at` left to GitHub on every completion, so that the two are one clock.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerClock } from '../../src/adapters/github/answer-clock.js';
import type { ExistingCheckRun } from '../../src/adapters/github/check-run.js';
import { CheckRun, completedAfter } from '../../src/adapters/github/check-run.js';
import type { Octokit } from '../../src/adapters/github/client.js';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { tokenOctokit } from '../app/support/unthrottled-octokit.js';

const API = 'https://api.github.com';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("GitHub's clock as its answers state it", () => {
  it('is the latest Date of the answers, refusals included, and none before an answer', async () => {
    const octokit = tokenOctokit() as unknown as Octokit;
    const clock = new AnswerClock(octokit);
    expect(clock.latestAnswer).toBeUndefined();
    nock(API)
      .get('/repos/acme/shop')
      .reply(200, {}, { date: 'Sun, 06 Dec 2026 17:00:10 GMT' })
      .get('/repos/acme/shop')
      .reply(
        403,
        { message: 'You have exceeded a secondary rate limit.' },
        {
          date: 'Sun, 06 Dec 2026 17:00:12 GMT',
          'retry-after': '60',
        },
      )
      // An answer dated earlier (another front end) does not move it back.
      .get('/repos/acme/shop')
      .reply(200, {}, { date: 'Sun, 06 Dec 2026 17:00:11 GMT' });
    await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' }),
    ).rejects.toThrow();
    await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' });
    expect(clock.latestAnswer).toBe('2026-12-06T17:00:12.000Z');
  });
});

describe('a verdict completed after a time, by GitHub’s clock', () => {
  const run = (completedAt: string | null, status = 'completed'): ExistingCheckRun => ({
    id: 1,
    name: 'Blueprint sign-off: main',
    status,
    conclusion: status === 'completed' ? 'success' : null,
    completedAt,
    externalId: null,
    output: { title: null, summary: null, text: null, annotationsCount: 0 },
  });
  const since = '2026-12-06T17:00:10.000Z';

  it('is after only when GitHub completed it in a later second', () => {
    expect(completedAfter(run('2026-12-06T17:00:11Z'), since)).toBe(true);
    // The same second may be before the first try's answer: replaced, closed.
    expect(completedAfter(run('2026-12-06T17:00:10Z'), since)).toBe(false);
    expect(completedAfter(run('2026-12-06T16:59:00Z'), since)).toBe(false);
  });

  it('is never after without both times, nor while in progress', () => {
    expect(completedAfter(run('2026-12-06T17:00:11Z'), undefined)).toBe(false);
    expect(completedAfter(run(null), since)).toBe(false);
    expect(completedAfter(run('not a time'), since)).toBe(false);
    expect(completedAfter(run(null, 'in_progress'), since)).toBe(false);
    expect(completedAfter(undefined, since)).toBe(false);
  });
});

describe('a completion', () => {
  it('leaves completed_at to GitHub: its own clock stamps it, not this host’s', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(API)
      .post('/repos/acme/shop/check-runs')
      .reply(201, (_uri, body) => {
        bodies.push(body as Record<string, unknown>);
        return { id: 9 };
      });
    const client = new GitHubClient(tokenOctokit() as unknown as Octokit, 'acme', 'shop');
    await new CheckRun(client, 'Blueprint review: main', 'a'.repeat(40), 1).complete({
      conclusion: 'success',
      title: 'No findings',
      summary: 'Reviewed.',
    });
    expect(bodies).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(bodies[0]).not.toHaveProperty('completed_at');
  });
});
