/**
 * nock interceptors for the GitHub API calls the app makes, built from a real two-commit git
 * repository. Every interceptor records what it received, so tests assert request bodies; every
 * interceptor must be used (tests check `nock.isDone()`); any request without an interceptor is
 * recorded as unmatched (and fails, since the network is disabled).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { GitFileSource } from '../../../src/adapters/git-file-source.js';
import type { ChangedFile } from '../../../src/review/types.js';
import type { TwoCommitRepo } from './git-repo.js';

export const API = 'https://api.github.com';
export const OWNER = 'acme';
export const REPO = 'shop';
export const INSTALLATION = 4242;
/** The app's id (Probot's `appId` in the tests): check runs it created carry it. */
export const APP_ID = 1;
export const PR_NUMBER = 7;

/** A pull request review as GitHub lists it. */
type Review = { body: string; user?: { login: string; type: string } };
const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

export function testPrivateKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string;
}

export function payload(
  name: string,
  patch: (p: Record<string, unknown>) => void = () => {},
): Record<string, unknown> {
  const value = JSON.parse(
    readFileSync(new URL(`../../fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'),
  );
  patch(value);
  return value;
}

/** The pull request as `GET /pulls/:n` and the webhook payloads show it. */
export function pullRequestData(repo: TwoCommitRepo, head = repo.headSha, number = PR_NUMBER) {
  return {
    number,
    state: 'open',
    user: { login: 'octocat', type: 'User' },
    head: { sha: head, ref: 'feature', repo: { id: 118, name: REPO } },
    base: { sha: repo.baseSha, ref: 'main', repo: { id: 118, name: REPO } },
  };
}

export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly unmatched: string[] = [];
  readonly scope = nock(API);
  private readonly onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
    this.unmatched.push(`${req.method} ${req.path ?? req.href}`);

  constructor(
    readonly repo: TwoCommitRepo,
    /** The pull request this fake serves (another fake on the same nock API can serve another). */
    readonly pullNumber = PR_NUMBER,
  ) {
    nock.emitter.on('no match', this.onNoMatch);
  }

  dispose(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
  }

  /** Calls matching `method path` (path without query). */
  find(method: string, path: string | RegExp): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.method === method && (typeof path === 'string' ? c.path.split('?')[0] === path : path.test(c.path)),
    );
  }

  /** A nock reply function that records the request before answering. */
  private record(
    method: string,
    status: number,
    data: unknown,
    headers?: Record<string, string>,
  ): (uri: string, body: unknown) => [number, unknown, Record<string, string> | undefined] {
    return (uri, body) => {
      this.calls.push({ method, path: uri, body, at: performance.now() });
      return [status, typeof data === 'function' ? (data as (b: unknown) => unknown)(body) : data, headers];
    };
  }

  token(): this {
    this.scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(
      this.record('POST', 201, {
        token: 'ghs_test',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: {
          checks: 'write',
          pull_requests: 'write',
          contents: 'read',
          metadata: 'read',
          members: 'read',
        },
      }),
    );
    return this;
  }

  /**
   * The app's own runs of the review check on `sha` (GitHub filters by `app_id`; the app checks too).
   * `appId` null: the Action's query, which names no app (its token's runs belong to GitHub Actions).
   */
  findCheck(
    sha: string,
    runs: {
      id: number;
      status: string;
      conclusion: string | null;
      app?: { id: number };
      output?: { summary?: string; annotations_count?: number };
    }[] = [],
    status = 200,
    appId: number | null = APP_ID,
  ): this {
    const named = runs.map((r) => ({ name: 'Blueprint review: main', app: { id: appId ?? 15368 }, ...r }));
    this.scope
      .get(`${REPO_PATH}/commits/${sha}/check-runs`)
      .query(
        appId === null
          ? { check_name: 'Blueprint review: main', filter: 'latest', per_page: '1' }
          : {
              app_id: String(appId),
              check_name: 'Blueprint review: main',
              filter: 'latest',
              per_page: '100',
            },
      )
      .reply(
        this.record(
          'GET',
          status,
          status === 200 ? { total_count: named.length, check_runs: named } : { message: 'Server Error' },
        ),
      );
    return this;
  }

  createCheck(id = 1001): this {
    this.scope.post(`${REPO_PATH}/check-runs`).reply(this.record('POST', 201, { id }));
    return this;
  }

  updateCheck(id = 1001, status = 200, headers?: Record<string, string>): this {
    this.scope
      .patch(`${REPO_PATH}/check-runs/${id}`)
      .reply(this.record('PATCH', status, status < 300 ? { id } : { message: 'error' }, headers));
    return this;
  }

  getPull(head = this.repo.headSha): this {
    this.scope
      .get(`${REPO_PATH}/pulls/${this.pullNumber}`)
      .reply(this.record('GET', 200, pullRequestData(this.repo, head, this.pullNumber)));
    return this;
  }

  listOpenPulls(): this {
    this.scope
      .get(`${REPO_PATH}/pulls`)
      .query({ state: 'open', per_page: '100', page: '1' })
      .reply(
        this.record('GET', 200, [
          pullRequestData(this.repo),
          { ...pullRequestData(this.repo, 'f'.repeat(40)), number: 8 },
        ]),
      );
    return this;
  }

  /** The config at the base branch; `undefined` answers 404 (no config). */
  config(text: string | undefined, ref = 'main', path = '.github/blueprint-review.yml'): this {
    const interceptor = this.scope
      .get(`${REPO_PATH}/contents/${encodeURIComponent(path)}`)
      .query({ ref })
      .matchHeader('accept', 'application/vnd.github.v3.raw');
    interceptor.reply(
      this.record(
        'GET',
        text === undefined ? 404 : 200,
        text === undefined ? { message: 'Not Found' } : text,
      ),
    );
    return this;
  }

  /** The org-wide defaults in the owner's `.github` repository (default branch: no ref). */
  orgConfig(text: string): this {
    this.scope
      .get(`/repos/${OWNER}/.github/contents/.github%2Fblueprint-review.yml`)
      .matchHeader('accept', 'application/vnd.github.v3.raw')
      .reply(this.record('GET', 200, text));
    return this;
  }

  files(files: ChangedFile[], status = 200): this {
    const data = files.map((f) => ({
      sha: '0'.repeat(40),
      filename: f.path,
      status: f.status,
      ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
      ...(f.patch !== undefined ? { patch: f.patch } : {}),
      additions: 0,
      deletions: 0,
      changes: 0,
    }));
    this.scope
      .get(`${REPO_PATH}/pulls/${this.pullNumber}/files`)
      .query({ per_page: '100', page: '1' })
      .reply(this.record('GET', status, status === 200 ? data : { message: 'Server Error' }));
    // The app reads the pull request again after the listing: the files are its head's only if that held.
    return status === 200 ? this.getPull() : this;
  }

  compare(): this {
    this.scope
      // By the base branch's name: its tip now, whatever the pull request names as its base commit.
      .get(`${REPO_PATH}/compare/main...${this.repo.headSha}`)
      .query({ per_page: '1' })
      .reply(
        this.record('GET', 200, {
          base_commit: { sha: this.repo.baseSha },
          merge_base_commit: { sha: this.repo.baseSha },
          files: [],
        }),
      );
    return this;
  }

  /** The recursive tree at `sha`, from the real repository; `status` ≥ 500 simulates an outage. */
  async tree(sha: string, status = 200): Promise<this> {
    const source = await GitFileSource.open(this.repo.dir, sha);
    const tree = source
      .entries()
      .map((e) => ({ path: e.path, mode: '100644', type: 'blob', sha: e.blob, size: e.size }));
    this.scope
      .get(`${REPO_PATH}/git/trees/${sha}`)
      .query({ recursive: 'true' })
      .reply(
        this.record(
          'GET',
          status,
          status === 200 ? { sha, tree, truncated: false } : { message: 'Bad Gateway' },
        ),
      );
    return this;
  }

  /**
   * The head's and the merge base's trees, which a pull request that changes no blueprint file has
   * read to see whether it holds a symbolic link or a submodule (review/relevance.ts).
   */
  async bothTrees(): Promise<this> {
    await this.tree(this.repo.headSha);
    return this.tree(this.repo.baseSha);
  }

  /** One blob interceptor per distinct blob under `folder` at base and head: each must be fetched once. */
  async blobs(folder: string): Promise<this> {
    const seen = new Set<string>();
    for (const sha of [this.repo.baseSha, this.repo.headSha]) {
      const source = await GitFileSource.open(this.repo.dir, sha);
      for (const entry of source.entries()) {
        if (!entry.path.startsWith(folder + '/') || seen.has(entry.blob)) continue;
        seen.add(entry.blob);
        const text = await source.read(entry.path);
        this.blob(entry.blob, text.kind === 'ok' ? text.text : '');
      }
    }
    return this;
  }

  /** One blob, asked for raw (never base64 in JSON, which Octokit stops parsing at about 8 MB). */
  blob(sha: string, body: unknown, status = 200, headers: Record<string, string> = {}): this {
    this.scope
      .get(`${REPO_PATH}/git/blobs/${sha}`)
      .matchHeader('accept', 'application/vnd.github.v3.raw')
      .reply(
        this.record('GET', status, body, {
          'content-type': 'application/vnd.github.raw; charset=utf-8',
          ...headers,
        }),
      );
    return this;
  }

  threads(nodes: unknown[] = []): this {
    this.scope
      .post('/graphql', (body: { query?: string }) => /reviewThreads/.test(body.query ?? ''))
      .reply(
        this.record('POST', 200, {
          data: {
            repository: {
              pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } },
            },
          },
        }),
      );
    return this;
  }

  resolveThread(): this {
    this.scope
      .post('/graphql', (body: { query?: string }) => /resolveReviewThread/.test(body.query ?? ''))
      .reply(
        this.record('POST', 200, (body: unknown) => ({
          data: {
            resolveReviewThread: {
              thread: {
                id: (body as { variables: { threadId: string } }).variables.threadId,
                isResolved: true,
              },
            },
          },
        })),
      );
    return this;
  }

  /** The reviews listed: given, or read when asked (`postedReviews`: what the app has posted by then). */
  listReviews(reviews: Review[] | (() => Review[]) = []): this {
    this.scope
      .get(`${REPO_PATH}/pulls/${this.pullNumber}/reviews`)
      .query({ per_page: '100', page: '1' })
      .reply(this.record('GET', 200, typeof reviews === 'function' ? () => reviews() : reviews));
    return this;
  }

  /** The reviews the app has posted so far, as GitHub lists them. */
  postedReviews(): Review[] {
    return this.find('POST', `${REPO_PATH}/pulls/${this.pullNumber}/reviews`).map((call) => ({
      body: (call.body as { body: string }).body,
      user: { login: 'blueprint-review[bot]', type: 'Bot' },
    }));
  }

  createReview(status = 200, headers?: Record<string, string>): this {
    this.scope
      .post(`${REPO_PATH}/pulls/${this.pullNumber}/reviews`)
      .reply(
        this.record(
          'POST',
          status,
          status === 200 ? { id: 55 } : { message: 'You have exceeded a secondary rate limit.' },
          headers,
        ),
      );
    return this;
  }
}
