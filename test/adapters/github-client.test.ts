/**
 * The GitHub client at the wire, with nock: what arrives in a shape the app does not expect becomes
 * a typed failure with a reason (never `undefined` flowing on); a refused connection is reported as
 * such at once, not retried for most of a minute as "GitHub answered 500"; a 401 blames the
 * credentials; blobs come raw, so a file past Octokit's ~8 MB JSON limit is read whole, and a file
 * over the size limit is refused from the tree's size without downloading it.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { GitHubClient, GitHubError } from '../../src/adapters/github/client.js';
import type { GitHubFailure } from '../../src/adapters/github/client.js';
import { BlobCache, GitHubFileSource } from '../../src/adapters/github/file-source.js';
import { compareCommits } from '../../src/adapters/github/compare.js';
import { changedFiles } from '../../src/adapters/github/pull-request.js';
import { object } from '../../src/adapters/github/shapes.js';
import { code } from '../../src/core/inert-text.js';
import { postReviewOnce } from '../../src/adapters/github/review-sink.js';
import { guardNock } from '../support/nock-guard.js';
import { probotClient } from '../support/probot-client.js';

const API = 'https://api.github.com';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const unmatched = guardNock();

const client = () => probotClient();

async function failureOf(promise: Promise<unknown>): Promise<GitHubFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return (error as GitHubError).failure;
}

const SHA = 'a'.repeat(40);
const tree = (entries: object[]) => ({ sha: SHA, truncated: false, tree: entries });
const file = (path: string, sha: string, size: number | undefined) => ({
  path,
  mode: '100644',
  type: 'blob',
  sha,
  ...(size === undefined ? {} : { size }),
});

/**
 * The changed files of acme/shop#7 through the client, from a loopback server that does `first` with
 * the first request's socket (drops it, or never answers) and answers the next; with how many requests
 * it got. `request`: Octokit's request options.
 */
async function filesWhenFirstRequestIs(first: (socket: Socket) => void, request: object = {}) {
  let requests = 0;
  const sockets: Socket[] = [];
  const files = JSON.stringify([{ filename: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' }]);
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.once('data', () => {
      if (++requests === 1) return first(socket);
      socket.end(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(files)}\r\nconnection: close\r\n\r\n${files}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  nock.enableNetConnect('127.0.0.1');
  try {
    const octokit = new ProbotOctokit({
      auth: { token: 'ghs_test' },
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      retry: { retryAfterBaseValue: 1 },
      throttle: { enabled: false },
      request,
    });
    return { files: await changedFiles(new GitHubClient(octokit, 'acme', 'shop'), 7), requests };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('GitHubClient', () => {
  it('reports a refused connection as GitHub not reachable, at once, without retrying it', async () => {
    const port = await closedPort();
    nock.enableNetConnect('127.0.0.1');
    let attempts = 0;
    const octokit = () =>
      new ProbotOctokit({
        auth: { token: 'ghs_test' },
        baseUrl: `http://127.0.0.1:${port}`,
        retry: { retryAfterBaseValue: 1 },
        throttle: { enabled: false },
        request: {
          fetch: (...args: Parameters<typeof fetch>) => {
            attempts++;
            return fetch(...args);
          },
        },
      });
    // Octokit alone retries a refused connection like a 500 (three more attempts)…
    await expect(
      octokit().rest.pulls.listFiles({ owner: 'acme', repo: 'shop', pull_number: 7 }),
    ).rejects.toThrow();
    expect(attempts).toBe(4);
    // …through the client it is asked once and reported for what it is.
    attempts = 0;
    const failure = await failureOf(changedFiles(new GitHubClient(octokit(), 'acme', 'shop'), 7));
    expect(attempts).toBe(1);
    expect(failure).toMatchObject({ kind: 'network', request: 'GET /repos/acme/shop/pulls/7/files?page=1' });
    const message = new GitHubError(failure).message;
    expect(message).toMatch(
      /^GitHub could not be reached for GET \/repos\/acme\/shop\/pulls\/7\/files\?page=1 \(.*ECONNREFUSED/,
    );
    expect(message).not.toContain('500');
  });

  it('retries a connection that drops mid-request (a reset is transient, not "unreachable")', async () => {
    const { files, requests } = await filesWhenFirstRequestIs((socket) => socket.resetAndDestroy());
    expect(files).toEqual([{ path: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' }]);
    expect(requests).toBe(2);
  });

  it('asks again when GitHub never answers a request (a connection gone silent), instead of hanging on it', async () => {
    // How long the client waits for GitHub's answer (production: ANSWER_WAIT_MS), short here.
    const { files, requests } = await filesWhenFirstRequestIs(() => undefined, { answerWithinMs: 300 });
    expect(files).toEqual([{ path: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' }]);
    expect(requests).toBe(2);
  }, 20_000);

  it('still lets Octokit retry a server error GitHub answered, and names it when it persists', async () => {
    const scope = nock(API)
      .get('/repos/acme/shop/pulls/7/files')
      .query(true)
      .reply(502, { message: 'Bad Gateway' })
      .get('/repos/acme/shop/pulls/7/files')
      .query(true)
      .reply(200, [{ filename: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' }]);
    expect(await changedFiles(client(), 7)).toEqual([
      { path: 'a.yaml', status: 'added', patch: '@@ -0,0 +1 @@\n+a: 1' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('blames rejected credentials on the token, not on permissions (401)', async () => {
    nock(API).get('/repos/acme/shop/pulls/7/files').query(true).reply(401, { message: 'Bad credentials' });
    const failure = await failureOf(changedFiles(client(), 7));
    expect(failure.kind).toBe('unauthorized');
    expect(new GitHubError(failure).message).toContain('GitHub rejected the credentials (401)');
    expect(new GitHubError(failure).message).not.toContain('permission');
  });

  it('says what GitHub refused and why on a 403 that is not a rate limit', async () => {
    nock(API)
      .post('/repos/acme/shop/check-runs')
      .reply(403, { message: 'Resource not accessible by integration' });
    const c = client();
    const failure = await failureOf(
      c.call('POST /repos/acme/shop/check-runs', () =>
        c.octokit.rest.checks.create({ owner: 'acme', repo: 'shop', name: 'x', head_sha: SHA }),
      ),
    );
    expect(failure).toMatchObject({ kind: 'permission-denied' });
    expect(new GitHubError(failure).message).toContain('Resource not accessible by integration');
  });

  it('quotes a branch in the request and GitHub’s words about it as one code span each', async () => {
    // Git allows backticks in a branch name; GitHub's message quotes the name it refused.
    const branch = 'fix/a`b` ✅ All approvals present `c';
    const refused = `No commit found for the ref ${branch}`;
    nock(API)
      .get(/\/repos\/acme\/shop\/compare\//)
      .query(true)
      .reply(422, { message: refused });
    const c = client();
    const error = await compareCommits(c, branch, SHA, object({})).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    const request = `GET /repos/acme/shop/compare/${branch}...${SHA.slice(0, 7)}`;
    expect((error as GitHubError).message).toBe(`GitHub rejected ${code(request)}: ${code(refused)}`);
  });

  it('turns a file list that arrives as text into a failure with the reason, never an empty list', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7/files')
      .query(true)
      .reply(200, 'x'.repeat(31_457_994), { 'content-type': 'text/plain' });
    const failure = await failureOf(changedFiles(client(), 7));
    expect(failure).toEqual({
      kind: 'malformed-answer',
      request: 'GET /repos/acme/shop/pulls/7/files?page=1',
      detail: 'the answer is text (31,457,994 characters), expected a list',
    });
  });

  it('names the first field that differs in a file list', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/7/files')
      .query(true)
      .reply(200, [
        { filename: 'a.yaml', status: 'added' },
        { filename: 42, status: 'added' },
      ]);
    const failure = await failureOf(changedFiles(client(), 7));
    expect(failure).toMatchObject({ detail: '`[1].filename` is a number, expected text' });
  });
});

describe('GitHubFileSource', () => {
  const source = (c: GitHubClient, maxBytes: number, blobs = new BlobCache()) =>
    new GitHubFileSource(c, SHA, blobs, maxBytes);

  it('reads a blob past the size where Octokit stops parsing JSON (raw media type)', async () => {
    const big = `openapi: 3.1.0\ninfo: { title: big, version: '1' }\n# ${'x'.repeat(9_000_000)}\n`;
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('bp/contracts/big.yaml', 'b1', Buffer.byteLength(big))]))
      .get('/repos/acme/shop/git/blobs/b1')
      .matchHeader('accept', 'application/vnd.github.v3.raw')
      .reply(200, big, { 'content-type': 'application/vnd.github.raw' });
    const read = await source(client(), 10 * 1024 * 1024).read('bp/contracts/big.yaml');
    expect(read.kind === 'ok' && read.text.length).toBe(big.length);
    expect(read.kind === 'ok' && read.text.endsWith('x\n')).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a blob over the limit by its size in the tree, without downloading it', async () => {
    const scope = nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('bp/contracts/huge.yaml', 'h1', 50 * 1024 * 1024)]));
    const read = await source(client(), 5 * 1024 * 1024).read('bp/contracts/huge.yaml');
    expect(read).toEqual({ kind: 'too-large', bytes: 50 * 1024 * 1024, limit: 5 * 1024 * 1024 });
    expect(unmatched).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a blob larger than the tree said once it arrives', async () => {
    nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('a.yaml', 'a1', 10)]))
      .get('/repos/acme/shop/git/blobs/a1')
      .reply(200, 'a: 1\n'.repeat(1000), { 'content-type': 'text/plain; charset=utf-8' });
    expect(await source(client(), 2048).read('a.yaml')).toEqual({
      kind: 'too-large',
      bytes: 5000,
      limit: 2048,
    });
  });

  it('decodes a blob that arrives as bytes (no text content type) as UTF-8', async () => {
    nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('a.yaml', 'a1', 12)]))
      .get('/repos/acme/shop/git/blobs/a1')
      .reply(200, Buffer.from('name: Zürich', 'utf8'), { 'content-type': 'application/octet-stream' });
    expect(await source(client(), 2048).read('a.yaml')).toEqual({ kind: 'ok', text: 'name: Zürich' });
  });

  it('fails with the reason when a blob arrives as JSON instead of raw, and caches nothing', async () => {
    const blobs = new BlobCache();
    nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('a.yaml', 'a1', 5)]))
      .get('/repos/acme/shop/git/blobs/a1')
      .reply(200, { sha: 'a1', encoding: 'base64', content: 'YTogMQo=' });
    const failure = await failureOf(source(client(), 2048, blobs).read('a.yaml'));
    expect(failure).toEqual({
      kind: 'malformed-answer',
      request: 'GET /repos/acme/shop/git/blobs/a1',
      detail: "the answer is an object, expected the file's raw content",
    });
  });

  it('fails when a file in the tree has no size (the size is what keeps large files out)', async () => {
    nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, tree([file('a.yaml', 'a1', undefined)]));
    const failure = await failureOf(source(client(), 2048).list(''));
    expect(failure).toMatchObject({
      kind: 'malformed-answer',
      detail: '`tree[0].size` is missing for the file a.yaml',
    });
  });

  it('fails when the tree arrives as text', async () => {
    nock(API)
      .get(`/repos/acme/shop/git/trees/${SHA}`)
      .query({ recursive: 'true' })
      .reply(200, '{"sha": "trunc', { 'content-type': 'text/plain' });
    const failure = await failureOf(source(client(), 2048).list(''));
    expect(failure).toMatchObject({
      kind: 'malformed-answer',
      detail: 'the answer is text (14 characters), expected an object',
    });
  });
});

describe('BlobCache', () => {
  it('survives a fetch that resolves to something other than text (no unhandled rejection)', async () => {
    const cache = new BlobCache(10);
    const odd = cache.get('s', async () => undefined as unknown as string);
    await expect(odd).resolves.toBeUndefined();
    await expect(cache.get('t', async () => 'text')).resolves.toBe('text');
  });
});

describe('posting a review', () => {
  const review = {
    event: 'COMMENT' as const,
    body: `<!-- blueprint-review:review sha=${SHA} -->\nx`,
    comments: [],
  };
  const bot = { login: 'blueprint-review[bot]' };
  const sleeps: number[] = [];
  const sleepyClient = () =>
    new GitHubClient(
      new ProbotOctokit({
        auth: { token: 'ghs_test' },
        retry: { retryAfterBaseValue: 1 },
        throttle: { enabled: false },
      }),
      'acme',
      'shop',
      { sleep: async (ms) => void sleeps.push(ms) },
    );

  it('is never repeated blindly after a 5xx (Octokit would): GitHub may have created it', async () => {
    sleeps.length = 0;
    const scope = nock(API)
      .post('/repos/acme/shop/pulls/7/reviews')
      .reply(502, { message: 'Server Error' })
      .get('/repos/acme/shop/pulls/7/reviews')
      .query({ per_page: '100', page: '1' })
      .reply(200, [{ body: review.body, user: { login: 'blueprint-review[bot]', type: 'Bot' } }]);
    await postReviewOnce(sleepyClient(), 7, SHA, review, bot);
    expect(scope.isDone()).toBe(true);
    expect(sleeps).toEqual([2000]);
  });

  it('gives up after looking twice and posting three times, with the server error', async () => {
    sleeps.length = 0;
    const scope = nock(API)
      .post('/repos/acme/shop/pulls/7/reviews')
      .times(3)
      .reply(503, { message: 'Unavailable' })
      .get('/repos/acme/shop/pulls/7/reviews')
      .query({ per_page: '100', page: '1' })
      .times(2)
      .reply(200, []);
    const failure = await failureOf(postReviewOnce(sleepyClient(), 7, SHA, review, bot));
    expect(failure).toMatchObject({ kind: 'server-error', status: 503 });
    expect(scope.isDone()).toBe(true);
    expect(sleeps).toEqual([2000, 8000]);
  });

  it('a 422 (a line outside the diff) is not retried: it is the caller’s to place elsewhere', async () => {
    sleeps.length = 0;
    const scope = nock(API)
      .post('/repos/acme/shop/pulls/7/reviews')
      .reply(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
    const failure = await failureOf(postReviewOnce(sleepyClient(), 7, SHA, review, bot));
    expect(failure.kind).toBe('unprocessable');
    expect(scope.isDone()).toBe(true);
    expect(sleeps).toEqual([]);
  });
});

describe('GitHubClient: its request hooks', () => {
  it('adds its hooks to an octokit once, however many clients are built over it (the app’s shared one)', () => {
    // The app's own octokit (`app.auth()`) lives as long as the process: identity lookups, recovery
    // scans and redelivery scans each build a client over it, for the whole uptime.
    const octokit = new ProbotOctokit();
    const added: string[] = [];
    const before = octokit.hook.before.bind(octokit.hook);
    octokit.hook.before = ((name: string, hook: unknown) => {
      added.push(name);
      return (before as (n: string, h: unknown) => void)(name, hook);
    }) as typeof octokit.hook.before;
    for (let scan = 0; scan < 50; scan++) new GitHubClient(octokit as never, '', '');
    expect(added).toEqual(['request', 'request']);
  });
});
