/**
 * A repository whose open pull requests a sweep cannot list, either way (REST, then GraphQL): why is
 * kept typed (GitHub's own failure), and a sweep given up lists it again later while GitHub only
 * refuses for a while (a rate limit, no answer) — bounded by the tries of the marks — rather than only
 * log it and leave the stale successes it was to withdraw standing. The last try, or a failure for
 * good, logs the repository by name. Every GitHub request answered by nock.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Octokit } from '../../src/adapters/github/client.js';
import { GitHubError } from '../../src/adapters/github/client.js';
import { jobHandlers } from '../../src/app/job-handlers.js';
import type { JobSettings } from '../../src/app/jobs.js';
import { AppMetrics } from '../../src/app/metrics.js';
import { MarksNotWritten } from '../../src/app/queue-give-up.js';
import { waitAskedFor } from '../../src/app/retry-wait.js';
import { sweepPage } from '../../src/app/sweep.js';
import { API } from './support/fake-github.js';
import { secondaryLimit } from './support/rate-limit-replies.js';
import { tokenOctokit } from './support/unthrottled-octokit.js';
import { graphqlPageJob, SHOP } from './support/sweep-jobs.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The handlers, with every error they log kept (message and fields). */
function handlersLogging() {
  const errors: { fields: object; message: string }[] = [];
  const log = {
    info() {},
    warn() {},
    error: (fields: object, message: string) => errors.push({ fields, message }),
  };
  const handlers = jobHandlers({
    jobSettings: { review: { client: { sleep: async () => {} } } } as unknown as JobSettings,
    metrics: new AppMetrics(() => undefined),
    octokitFor: async () => tokenOctokit() as unknown as Octokit,
    threads: undefined,
    jobLog: () => log,
    enqueue: () => Promise.resolve('queued'),
  });
  return { handlers, errors };
}

describe("a sweep's page that cannot list a repository's open pull requests", () => {
  it('keeps why, typed: GitHub’s own failure', async () => {
    const scope = nock(API).post('/graphql').reply(502, { message: 'Bad Gateway' });
    const quiet = { info() {}, warn() {}, error() {} };
    const page = await sweepPage(
      tokenOctokit() as unknown as Octokit,
      graphqlPageJob(),
      { sleep: async () => {} },
      quiet,
    );
    expect(page.unread).toEqual([
      {
        ...SHOP,
        because: { kind: 'github', failure: expect.objectContaining({ kind: 'server-error', status: 502 }) },
      },
    ]);
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe('a sweep given up whose repository GitHub does not list for a while', () => {
  it('has the queue list it again later, no sooner than the limit asked', async () => {
    const scope = nock(API)
      .post('/graphql')
      .reply(() => secondaryLimit(90));
    const { handlers } = handlersLogging();
    const marked = handlers.abandoned!(
      graphqlPageJob(),
      'it failed 4 times',
      new Error('Bad Gateway'),
      undefined,
      {
        last: false,
      },
    );
    const refusal = await marked.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(MarksNotWritten);
    expect((refusal as MarksNotWritten).cause).toBeInstanceOf(GitHubError);
    expect(waitAskedFor(refusal)).toBe(90_000);
    expect(scope.pendingMocks()).toEqual([]);
  });

  it('gives it up on the last try, naming it in the log', async () => {
    nock(API).post('/graphql').reply(502, { message: 'Bad Gateway' });
    const { handlers, errors } = handlersLogging();
    await handlers.abandoned!(graphqlPageJob(), 'it failed 4 times', new Error('Bad Gateway'), undefined, {
      last: true,
    });
    const given = errors.find((e) => /not tried again/.test(e.message));
    expect(given?.fields).toMatchObject({
      repositories: [{ repository: 'acme/shop', why: expect.stringMatching(/GitHub answered 502/) }],
    });
  });
});

describe('a sweep given up whose repository GitHub will not list (the app may not read it)', () => {
  it('is not listed again: logged by name at once', async () => {
    nock(API).post('/graphql').reply(403, { message: 'Resource not accessible by integration' });
    const { handlers, errors } = handlersLogging();
    await handlers.abandoned!(graphqlPageJob(), 'it failed 4 times', new Error('Bad Gateway'), undefined, {
      last: false,
    });
    const given = errors.find((e) => /not tried again/.test(e.message));
    expect(given?.fields).toMatchObject({ repositories: [{ repository: 'acme/shop' }] });
  });
});
