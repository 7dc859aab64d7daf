/**
 * GraphQL errors GitHub answers with status 200 (`{ "errors": [...] }`, Octokit's
 * `GraphqlResponseError`): typed by what GitHub said — a rate limit is a rate limit (retried by the
 * queue once it lifts), `NOT_FOUND` and `FORBIDDEN` are what they say, anything else says what GitHub
 * answered — never "GitHub could not be reached", which GitHub did and answered.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { GitHubFailure } from '../../src/adapters/github/client.js';
import { GitHubError, isTransient } from '../../src/adapters/github/client.js';
import { object } from '../../src/adapters/github/shapes.js';
import { guardNock } from '../support/nock-guard.js';
import { probotClient } from '../support/probot-client.js';

const API = 'https://api.github.com';
const unmatched = guardNock();

/** The client's own waits a no-op. */
const client = () => probotClient({ sleep: async () => {} });

/** The failure of one GraphQL query GitHub answers 200 with `errors` (and `headers`). */
async function failureOfQuery(
  errors: object[],
  headers: Record<string, string> = {},
): Promise<{ failure: GitHubFailure; message: string; requests: number }> {
  const scope = nock(API).post('/graphql').reply(200, { data: null, errors }, headers);
  const c = client();
  const error = await c
    .graphql('query pull requests of acme/shop', 'query { viewer { login } }', {}, object({}))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(GitHubError);
  expect(scope.isDone()).toBe(true);
  expect(unmatched).toEqual([]);
  return { failure: (error as GitHubError).failure, message: (error as Error).message, requests: c.requests };
}

describe('GraphQL errors GitHub answers with status 200', () => {
  it('a rate limit (type RATE_LIMITED) is a rate limit, with the wait its headers ask for', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 600;
    const { failure, message } = await failureOfQuery(
      [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for installation ID 4242.' }],
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    );
    expect(failure.kind).toBe('rate-limited');
    expect(failure.kind === 'rate-limited' && failure.retryAfterSeconds).toBeGreaterThan(590);
    expect(message).toContain('GitHub rate-limited');
    expect(message).not.toContain('could not be reached');
  });

  it('a rate limit whose answer says no wait is waited for a minute', async () => {
    const { failure } = await failureOfQuery([{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }]);
    expect(failure).toEqual({
      kind: 'rate-limited',
      request: 'query pull requests of acme/shop',
      retryAfterSeconds: 60,
    });
  });

  it('NOT_FOUND is not found, FORBIDDEN a permission GitHub refused, with its words', async () => {
    const missing = await failureOfQuery([
      { type: 'NOT_FOUND', message: "Could not resolve to a Repository with the name 'acme/shop'." },
    ]);
    expect(missing.failure).toEqual({ kind: 'not-found', request: 'query pull requests of acme/shop' });
    const forbidden = await failureOfQuery([
      { type: 'FORBIDDEN', message: 'Resource not accessible by integration' },
    ]);
    expect(forbidden.failure).toMatchObject({
      kind: 'permission-denied',
      detail: 'Resource not accessible by integration',
    });
    expect(forbidden.message).toContain('GitHub refused query pull requests of acme/shop (403');
    expect(forbidden.message).toContain('Resource not accessible by integration');
  });

  it('any other error says what GitHub answered, never that GitHub could not be reached', async () => {
    const { failure, message, requests } = await failureOfQuery([
      { message: "Field 'pullRequests' doesn't accept argument 'states'" },
      { type: 'UNPROCESSABLE', message: 'Argument first must be at most 100' },
    ]);
    expect(failure).toEqual({
      kind: 'graphql-errors',
      request: 'query pull requests of acme/shop',
      detail: "Field 'pullRequests' doesn't accept argument 'states'; Argument first must be at most 100",
    });
    expect(message).toContain('GitHub answered query pull requests of acme/shop with errors');
    expect(message).toContain('Argument first must be at most 100');
    expect(message).not.toContain('could not be reached');
    // GitHub answered: not a failure of the network, which jobs run again soon.
    expect(isTransient(new GitHubError(failure))).toBe(false);
    expect(requests).toBe(1);
  });
});
