/**
 * A fake GitHub on loopback HTTP, for app processes (nock only reaches its own process). It serves
 * the REST and GraphQL calls the app makes under GitHub Enterprise paths (`/api/v3`, `/api/graphql`:
 * start the app with `GHE_HOST=127.0.0.1:<port>` and `GHE_PROTOCOL=http`), backed by a real git
 * repository: trees, blobs and changed files (with real patches) come from its commits. Pull requests
 * are branches whose head the test moves before it delivers the event, as a push does on GitHub.
 * Check runs and reviews are kept, so a test can count them; requests the fake does not know answer
 * 404 and are listed in `unknown`. A test can hold the responses to one path to catch a job mid-way.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { changedFilesBetween } from '../../../src/adapters/git-changes.js';
import { GitFileSource } from '../../../src/adapters/git-file-source.js';
import type { ChangedFile } from '../../../src/review/types.js';
import { account } from './accounts.js';
import { REPOSITORY_MEDIA_TYPE, teamRepository } from './team-repository.js';
import type { TeamRole } from './team-repository.js';

export interface FakeCheckRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output?: { title?: string; summary?: string };
  /** The app's record on the run (the sign-off gate keeps who pushed the commit there). */
  external_id?: string;
  createdAt: number;
  completedAt?: number;
}

export interface FakeReview {
  id: number;
  owner: string;
  repo: string;
  pull: number;
  commit_id: string;
  body: string;
  comments: unknown[];
}

export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  head: string;
  branch: string;
  /** The base branch (default `main`); every base's tip is the base commit here. */
  base?: string;
  /** Reviews people gave (the bot's own are added as it posts them). */
  approvals?: FakeUserReview[];
}

/** A person's review of a pull request, as GitHub lists it. */
export interface FakeUserReview {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commit_id: string;
  submitted_at: string;
}

interface Refusal {
  method: string;
  pattern: RegExp;
  left: number;
  status: number;
}

interface Hold {
  matches(path: string): boolean;
  /** The request takes effect before its answer is held (GitHub did it; the answer never came). */
  applied: boolean;
  arrived: () => void;
  released: Promise<void>;
}

/**
 * The id the fake gives repository `owner/repo`, whatever case its name is spelled in: one per
 * repository (`acme/shop`: 118, as the webhook fixtures give it). A rename keeps it (`renamed`).
 */
export function fakeRepositoryId(owner: string, repo: string): number {
  const name = `${owner}/${repo}`.toLowerCase();
  if (name === 'acme/shop') return 118;
  return 1_000 + (parseInt(createHash('sha1').update(name).digest('hex').slice(0, 7), 16) % 1e8);
}

export class GitHubServer {
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reviews: FakeReview[] = [];
  readonly unknown: string[] = [];
  /** Every request, as `METHOD /path` (without GHE's `/api/v3`). */
  readonly requested: string[] = [];
  readonly pulls = new Map<string, FakePullRequest>();
  /** The app's installations: id → account login (their repositories: those with a pull request here). */
  readonly installations = new Map<number, string>();
  /** Teams (`org/slug`) and their members; a team not here does not exist (404). */
  readonly teams = new Map<string, string[]>();
  /**
   * The repositories (`owner/repo`) a team (`org/slug`) has access to; a team not here has access to
   * every repository of its organization (those under test).
   */
  readonly teamRepositories = new Map<string, string[]>();
  /** A team's (`org/slug`) role on the repositories it has access to; a team not here can push. */
  readonly teamRoles = new Map<string, TeamRole>();
  /** Repository permission per login (`write`, `read`, …); a login not here is no collaborator (404). */
  readonly permissions = new Map<string, string>();
  /**
   * Repositories renamed or transferred: a name they have now (`owner/repo`) → the one their pull
   * requests are kept under here. The API answers under either, and under any case of either, as
   * GitHub does (it follows an old name to the repository; names are case-insensitive).
   */
  readonly renamed = new Map<string, string>();
  requests = 0;
  private readonly server: Server;
  private readonly sources = new Map<string, Promise<GitFileSource>>();
  private readonly changes = new Map<string, Promise<ChangedFile[]>>();
  private holds: Hold[] = [];
  private refusals: Refusal[] = [];
  private tokens = 0;
  /** Installation tokens numbered up to this one are revoked: GitHub answers 401 to them. */
  private revokedUpTo = 0;
  port = 0;

  constructor(
    private readonly dir: string,
    private readonly baseSha: string,
    private readonly config: string | undefined,
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        this.unknown.push(`${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) send(res, 500, { message: String(error) });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const hold of this.holds) hold.arrived();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  pull(owner: string, repo: string, number: number): FakePullRequest | undefined {
    return this.pulls.get(`${owner}/${repo}#${number}`);
  }

  openPull(pr: FakePullRequest): void {
    this.pulls.set(`${pr.owner}/${pr.repo}#${pr.number}`, pr);
  }

  /**
   * Holds every response to a path matching `pattern` until `release` is called (`once`: only the
   * first such request's; the others are answered); `arrived` resolves when the first comes in.
   * `applied`: the request takes effect at once, only its answer is held.
   */
  hold(pattern: RegExp, { once = false, applied = false } = {}): { arrived: Promise<void>; release(): void } {
    let arrived!: () => void;
    let release!: () => void;
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let taken = false;
    const hold: Hold = {
      matches: (path) => pattern.test(path) && !(once && taken),
      applied,
      arrived: () => {
        taken = true;
        arrived();
      },
      released,
    };
    this.holds.push(hold);
    return {
      arrived: hasArrived,
      release: () => {
        this.holds = this.holds.filter((h) => h !== hold);
        release();
      },
    };
  }

  /** Revokes every installation token given so far (tokens asked for later are good). */
  revokeTokens(): void {
    this.revokedUpTo = this.tokens;
  }

  private revoked(req: IncomingMessage): boolean {
    const issued = /ghs_\d+_(\d+)/.exec(String(req.headers.authorization ?? ''))?.[1];
    return issued !== undefined && Number(issued) <= this.revokedUpTo;
  }

  /** How many installation tokens were asked for. */
  get tokensIssued(): number {
    return this.tokens;
  }

  /**
   * Answers the next `times` requests `method` to a path matching `pattern` with `status` (a refusal);
   * `stop` ends it early (a test whose fix needs fewer than it set up leaves none to the next test).
   */
  refuse(method: string, pattern: RegExp, times: number, status = 422): { stop(): void } {
    const refusal = { method, pattern, left: times, status };
    this.refusals.push(refusal);
    return {
      stop: () => {
        refusal.left = 0;
      },
    };
  }

  private source(sha: string): Promise<GitFileSource> {
    let source = this.sources.get(sha);
    if (!source) this.sources.set(sha, (source = GitFileSource.open(this.dir, sha)));
    return source;
  }

  private changedFiles(head: string): Promise<ChangedFile[]> {
    let files = this.changes.get(head);
    if (!files) this.changes.set(head, (files = changedFilesBetween(this.dir, this.baseSha, head)));
    return files;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    this.requested.push(`${req.method ?? 'GET'} ${path.replace(/^\/api\/v3/, '')}`);
    const body = await readBody(req);
    const hold = this.holds.find((h) => h.matches(path));
    if (hold) {
      hold.arrived();
      if (hold.applied) answerOnceReleased(res, hold.released);
      else await hold.released;
    }
    if (this.revoked(req)) return send(res, 401, { message: 'Bad credentials' });
    const refusal = this.refusals.find((r) => r.left > 0 && r.method === req.method && r.pattern.test(path));
    if (refusal) {
      refusal.left--;
      return send(res, refusal.status, { message: 'Refused by the test' });
    }
    if (path === '/api/graphql') return this.graphql(res, body);
    const route = path.replace(/^\/api\/v3/, '');
    const method = req.method ?? 'GET';
    let m: RegExpMatchArray | null;
    if (method === 'POST' && (m = route.match(/^\/app\/installations\/(\d+)\/access_tokens$/)))
      return send(res, 201, {
        token: `ghs_${m[1]}_${++this.tokens}`,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' },
      });
    if (method === 'GET' && route === '/app') return send(res, 200, { id: 1, slug: 'blueprint-review' });
    // The app's delivery record (src/app/redelivery.ts reads it on connecting to Redis): every
    // delivery the tests sent reached the app, none failed.
    if (method === 'GET' && route === '/app/hook/deliveries') return send(res, 200, []);
    if (method === 'GET' && route === '/app/installations')
      return send(
        res,
        200,
        firstPage(url.searchParams)
          ? [...this.installations].map(([id, login]) => ({ id, account: { login }, suspended_at: null }))
          : [],
      );
    if (method === 'GET' && route === '/installation/repositories') {
      // Installation tokens are `ghs_<installation>_<n>`.
      const id = Number(/ghs_(\d+)_/.exec(String(req.headers.authorization ?? ''))?.[1]);
      const account = this.installations.get(id);
      const names = new Set([...this.pulls.values()].filter((p) => p.owner === account).map((p) => p.repo));
      const repositories = firstPage(url.searchParams)
        ? [...names].map((name) => ({
            id: fakeRepositoryId(account ?? '', name),
            name,
            owner: { login: account },
            archived: false,
          }))
        : [];
      return send(res, 200, { total_count: repositories.length, repositories });
    }
    if (method === 'GET' && (m = route.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/repos\/([^/]+)\/([^/]+)$/)))
      return this.teamAccess(req, res, m);
    if (method === 'GET' && (m = route.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/)))
      return this.team(res, method, path, m);
    if (method === 'GET' && (m = route.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/))) {
      // "List team members" (one page: these teams are small).
      const members = this.teams.get(`${m[1]}/${m[2]}`);
      if (!members) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, firstPage(url.searchParams) ? members.map((login) => ({ login })) : []);
    }
    if (method === 'GET' && (m = route.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)$/))) {
      // "Get a team by name": every team here is visible (`closed`); a secret one is the sign-off tests'.
      if (!this.teams.has(`${m[1]}/${m[2]}`)) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, { slug: m[2], name: m[2], privacy: 'closed' });
    }
    if (!(m = route.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/))) return this.notFound(res, method, path);
    const [, asked, askedRepo, rest] = m as unknown as [string, string, string, string];
    const [owner, repo] = this.kept(asked, askedRepo);
    const raw = /\.raw\b/.test(String(req.headers.accept ?? ''));
    return this.repository(res, method, owner, repo, rest, url.searchParams, body, raw);
  }

  /** The name a repository asked for as `owner/repo` (any case, or a name it has now) is kept under here. */
  private kept(owner: string, repo: string): [string, string] {
    const asked = `${owner}/${repo}`.toLowerCase();
    const renamed = [...this.renamed].find(([now]) => now.toLowerCase() === asked)?.[1];
    const name = (renamed ?? asked).toLowerCase();
    const pull = [...this.pulls.values()].find((p) => `${p.owner}/${p.repo}`.toLowerCase() === name);
    return pull ? [pull.owner, pull.repo] : [owner, repo];
  }

  /** A user's membership of a team (`/orgs/{org}/teams/{slug}/memberships/{user}`). */
  private team(res: ServerResponse, method: string, path: string, m: RegExpMatchArray): void {
    const [, org, slug, user] = m as unknown as [string, string, string, string];
    const members = this.teams.get(`${org}/${slug}`);
    if (!members) return this.notFound(res, method, path);
    if (!members.includes(user)) return send(res, 404, { message: 'Not Found' });
    return send(res, 200, { state: 'active', role: 'member' });
  }

  /**
   * Whether a team has access to a repository (`/orgs/{org}/teams/{slug}/repos/{owner}/{repo}`): 204
   * or 404, or 200 with the team's permissions when asked with the repository's media type.
   */
  private teamAccess(req: IncomingMessage, res: ServerResponse, m: RegExpMatchArray): void {
    const [, org, slug, owner, repo] = m as unknown as [string, string, string, string, string];
    const team = `${org}/${slug}`;
    const reaches = this.teamRepositories.get(team);
    const granted = reaches
      ? reaches.some((r) => r.toLowerCase() === `${owner}/${repo}`.toLowerCase())
      : owner.toLowerCase() === org.toLowerCase();
    // GitHub's answer for a team without access and for no team alike, not a route this fake lacks.
    if (!this.teams.has(team) || !granted) return send(res, 404, { message: 'Not Found' });
    if (String(req.headers.accept ?? '').includes(REPOSITORY_MEDIA_TYPE))
      return send(res, 200, teamRepository(owner, repo, this.teamRoles.get(team) ?? 'push'));
    res.writeHead(204).end();
  }

  private async repository(
    res: ServerResponse,
    method: string,
    owner: string,
    repo: string,
    rest: string,
    query: URLSearchParams,
    body: unknown,
    raw: boolean,
  ): Promise<void> {
    let m: RegExpMatchArray | null;
    const now = performance.now();
    if (method === 'GET' && (m = rest.match(/^\/commits\/([^/]+)\/check-runs$/))) {
      const runs = this.checkRuns
        .filter((r) => r.owner === owner && r.repo === repo && r.head_sha === m![1])
        .filter((r) => !query.get('check_name') || r.name === query.get('check_name'))
        .reverse();
      // `latest`: the newest run of each name (GitHub lists newest first).
      const listed =
        query.get('filter') === 'latest'
          ? runs.filter((r, i) => runs.findIndex((o) => o.name === r.name) === i)
          : runs;
      return send(res, 200, {
        total_count: listed.length,
        check_runs: listed.map((r) => ({ ...r, app: { id: 1 } })),
      });
    }
    // GitHub's repository activity: none listed here (the app's own push records are what is tested).
    if (method === 'GET' && rest === '/activity') return send(res, 200, []);
    if (method === 'GET' && (m = rest.match(/^\/collaborators\/([^/]+)\/permission$/))) {
      const permission = this.permissions.get(m[1]!);
      if (permission === undefined) return this.notFound(res, method, `/repos/${owner}/${repo}${rest}`);
      return send(res, 200, { permission, role_name: permission, user: { login: m[1] } });
    }
    // No merge queue here: no queue branches (refs/heads/gh-readonly-queue/…) to list.
    if (method === 'GET' && rest.startsWith('/git/matching-refs/')) return send(res, 200, []);
    if (method === 'POST' && rest === '/check-runs') {
      const input = body as Partial<FakeCheckRun>;
      const run: FakeCheckRun = {
        id: this.checkRuns.length + 1,
        owner,
        repo,
        name: input.name ?? '',
        head_sha: input.head_sha ?? '',
        status: input.status ?? 'queued',
        conclusion: input.conclusion ?? null,
        ...(input.output ? { output: input.output } : {}),
        ...(input.external_id ? { external_id: input.external_id } : {}),
        createdAt: now,
        ...(input.status === 'completed' ? { completedAt: now } : {}),
      };
      this.checkRuns.push(run);
      return send(res, 201, run);
    }
    if (method === 'PATCH' && (m = rest.match(/^\/check-runs\/(\d+)$/))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return send(res, 404, { message: 'Not Found' });
      Object.assign(run, body);
      if (run.status === 'completed') run.completedAt ??= now;
      return send(res, 200, run);
    }
    if (method === 'GET' && rest === '/pulls') {
      const open = [...this.pulls.values()].filter((p) => p.owner === owner && p.repo === repo);
      return send(res, 200, query.get('page') === '1' ? open.map((p) => this.pullData(p)) : []);
    }
    if ((m = rest.match(/^\/pulls\/(\d+)(\/.*)?$/))) {
      const pr = this.pull(owner, repo, Number(m[1]));
      if (!pr) return send(res, 404, { message: 'Not Found' });
      return this.pullRequest(res, method, pr, m[2] ?? '', query, body);
    }
    if (method === 'GET' && (m = rest.match(/^\/contents\/(.+)$/))) {
      const file = decodeURIComponent(m[1]!);
      if (file !== '.github/blueprint-review.yml' || this.config === undefined || repo === '.github')
        return send(res, 404, { message: 'Not Found' });
      return send(res, 200, this.config, 'text/plain');
    }
    // The base is a commit or a base branch's name (whose tip is the base commit here).
    if (method === 'GET' && (m = rest.match(/^\/compare\/([\w-]+)\.\.\.([0-9a-f]+)$/)))
      return send(res, 200, {
        base_commit: { sha: /^[0-9a-f]{40}$/.test(m[1]!) ? m[1] : this.baseSha },
        merge_base_commit: { sha: this.baseSha },
        files: [],
      });
    if (method === 'GET' && (m = rest.match(/^\/git\/trees\/([0-9a-f]+)$/))) {
      const source = await this.source(m[1]!);
      const tree = source
        .entries()
        .map((e) => ({ path: e.path, mode: '100644', type: 'blob', sha: e.blob, size: e.size }));
      return send(res, 200, { sha: m[1], tree, truncated: false });
    }
    if (method === 'GET' && (m = rest.match(/^\/git\/blobs\/([0-9a-f]+)$/))) {
      const text = await this.blob(m[1]!);
      if (text === undefined) return send(res, 404, { message: 'Not Found' });
      if (raw) return send(res, 200, text, 'application/vnd.github.raw');
      return send(res, 200, {
        sha: m[1],
        size: Buffer.byteLength(text),
        encoding: 'base64',
        content: Buffer.from(text).toString('base64'),
      });
    }
    if (method === 'GET' && /^\/issues\/\d+\/events$/.test(rest)) return send(res, 200, []);
    return this.notFound(res, method, `/repos/${owner}/${repo}${rest}`);
  }

  private async pullRequest(
    res: ServerResponse,
    method: string,
    pr: FakePullRequest,
    rest: string,
    query: URLSearchParams,
    body: unknown,
  ): Promise<void> {
    const firstPage = query.get('page') === null || query.get('page') === '1';
    if (method === 'GET' && rest === '') return send(res, 200, this.pullData(pr));
    if (method === 'GET' && rest === '/files') {
      const files = firstPage ? await this.changedFiles(pr.head) : [];
      return send(
        res,
        200,
        files.map((f) => ({
          sha: '0'.repeat(40),
          filename: f.path,
          status: f.status,
          ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
          ...(f.patch !== undefined ? { patch: f.patch } : {}),
          additions: 0,
          deletions: 0,
          changes: 0,
        })),
      );
    }
    if (method === 'GET' && rest === '/reviews')
      return send(
        res,
        200,
        firstPage
          ? this.reviews
              .filter((r) => r.owner === pr.owner && r.repo === pr.repo && r.pull === pr.number)
              .map((r) => ({
                ...r,
                user: account('blueprint-review[bot]'),
                state: 'COMMENTED',
              }))
              .concat((pr.approvals ?? []).map((r) => ({ ...r, user: account(r.user, 'User') })) as never[])
          : [],
      );
    if (method === 'POST' && rest === '/reviews') {
      const input = body as { commit_id: string; body: string; comments?: unknown[] };
      const review: FakeReview = {
        id: this.reviews.length + 1,
        owner: pr.owner,
        repo: pr.repo,
        pull: pr.number,
        commit_id: input.commit_id,
        body: input.body,
        comments: input.comments ?? [],
      };
      this.reviews.push(review);
      return send(res, 200, review);
    }
    if (method === 'GET' && rest === '/commits') return send(res, 200, []);
    if (method === 'POST' && rest === '/requested_reviewers') return send(res, 201, {});
    return this.notFound(res, method, `/repos/${pr.owner}/${pr.repo}/pulls/${pr.number}${rest}`);
  }

  private pullData(pr: FakePullRequest) {
    const repo = {
      id: fakeRepositoryId(pr.owner, pr.repo),
      name: pr.repo,
      full_name: `${pr.owner}/${pr.repo}`,
    };
    return {
      number: pr.number,
      state: 'open',
      draft: false,
      user: { login: 'octocat', type: 'User' },
      labels: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { sha: pr.head, ref: pr.branch, repo },
      base: { sha: this.baseSha, ref: pr.base ?? 'main', repo },
    };
  }

  private async blob(sha: string): Promise<string | undefined> {
    for (const source of this.sources.values()) {
      const s = await source;
      const entry = s.entries().find((e) => e.blob === sha);
      if (!entry) continue;
      const read = await s.read(entry.path);
      return read.kind === 'ok' ? read.text : undefined;
    }
    return undefined;
  }

  private graphql(res: ServerResponse, body: unknown): void {
    const query = (body as { query?: string }).query ?? '';
    if (/reviewThreads/.test(query))
      return send(res, 200, {
        data: {
          repository: {
            pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } },
          },
        },
      });
    return send(res, 200, { data: {} });
  }

  private notFound(res: ServerResponse, method: string, path: string): void {
    this.unknown.push(`${method} ${path}`);
    send(res, 404, { message: 'Not Found' });
  }
}

/** `res` answers only once `released` resolves: what the handler writes meanwhile waits. */
function answerOnceReleased(res: ServerResponse, released: Promise<void>): void {
  const { writeHead, end } = res;
  res.writeHead = ((...args: unknown[]) => {
    void released.then(() => writeHead.apply(res, args as never));
    return res;
  }) as never;
  res.end = ((...args: unknown[]) => {
    void released.then(() => end.apply(res, args as never));
    return res;
  }) as never;
}

function firstPage(query: URLSearchParams): boolean {
  return query.get('page') === null || query.get('page') === '1';
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, data: unknown, type = 'application/json'): void {
  const body = type === 'application/json' ? JSON.stringify(data) : String(data);
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
  });
  res.end(body);
}
