/**
 * A loopback GitHub for the bench: an HTTP server on 127.0.0.1 that answers the REST and GraphQL
 * calls the app makes, from a local git repository (trees, blobs, contents, compare, the pull
 * request's files and commits) and from what the app wrote (check runs, reviews). It lists every
 * request by route, so the bench can report API calls per event. Not a test double with
 * expectations (tests use nock): it answers whatever a review asks, as GitHub would.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { teamRepository } from '../app/support/team-repository.js';

const APP_ID = 1;

export interface PullRequestState {
  number: number;
  baseRef: string;
  headRef: string;
  author: string;
}

interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output?: { title?: string; summary?: string };
}

export class FakeGitHubServer {
  /** Every request since the last reset, in order, as `METHOD /route/:template`. */
  readonly calls: string[] = [];
  private server: Server | undefined;
  private readonly checkRuns: CheckRunRecord[] = [];
  private readonly reviews: {
    id: number;
    body: string;
    commit_id: string;
    user: { login: string; type: string };
  }[] = [];
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly dir: string,
    readonly owner: string,
    readonly repo: string,
    readonly pr: PullRequestState,
  ) {}

  /** What the app concluded on a commit, per check run: the bench shows that real work was counted. */
  checkRunsOn(sha: string): { name: string; conclusion: string; line: string }[] {
    return this.checkRuns
      .filter((r) => r.head_sha === sha)
      .map((r) => {
        const conclusion = r.conclusion ?? r.status;
        const why =
          conclusion === 'failure' ? r.output?.summary?.split('\n').find((l) => /^[A-Z]/.test(l)) : undefined;
        return {
          name: r.name,
          conclusion,
          line: `${r.name}: ${conclusion} — ${r.output?.title ?? ''}${why ? ` (${why})` : ''}`,
        };
      });
  }

  resetCounts(): void {
    this.calls.length = 0;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    // Idle keep-alive sockets stay open: closing one (Node's default, after 5 s) while the app sends
    // on it makes a 'read ECONNRESET' that GitHub's own keep-alive would not cause this often.
    this.server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private git(args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  }

  private sha(ref: string): string {
    return this.git(['rev-parse', ref]).trim();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const repoPath = `/repos/${this.owner}/${this.repo}`;
    const p = url.pathname;
    const route = (name: string) => this.calls.push(`${method} ${name}`);
    const send = (status: number, data: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof data === 'string' && type !== 'application/json' ? data : JSON.stringify(data));
    };
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const paged = <T>(items: T[]) => items.slice((page - 1) * perPage, page * perPage);
    const prPath = `${repoPath}/pulls/${this.pr.number}`;

    let m: RegExpMatchArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(p)) {
      route('/app/installations/:id/access_tokens');
      return send(201, { token: 'ghs_bench', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    }
    if (method === 'GET' && p === '/app') {
      route('/app');
      return send(200, { id: APP_ID, slug: 'blueprint-review' });
    }
    // The open pull requests into a base (a passing sign-off asks which share its head): this one.
    if (method === 'GET' && p === `${repoPath}/pulls`) {
      route('/pulls');
      const into = url.searchParams.get('base');
      return send(200, paged(into === null || into === this.pr.baseRef ? [this.pullRequest()] : []));
    }
    if (method === 'GET' && p === prPath) {
      route('/pulls/:n');
      return send(200, this.pullRequest());
    }
    if (method === 'GET' && p === `${prPath}/files`) {
      route('/pulls/:n/files');
      return send(200, paged(await this.files()));
    }
    if (method === 'GET' && p === `${prPath}/commits`) {
      route('/pulls/:n/commits');
      return send(200, paged(this.commits()));
    }
    if (p === `${prPath}/reviews`) {
      route('/pulls/:n/reviews');
      if (method === 'POST') {
        const review = body as { body: string; commit_id: string };
        this.reviews.push({
          id: this.reviews.length + 1,
          body: review.body,
          commit_id: review.commit_id,
          user: { login: 'blueprint-review[bot]', type: 'Bot' },
        });
        return send(200, { id: this.reviews.length });
      }
      return send(200, paged(this.reviews));
    }
    if (p === `${prPath}/requested_reviewers`) {
      route('/pulls/:n/requested_reviewers');
      return send(201, {});
    }
    if (method === 'GET' && p === `${repoPath}/issues/${this.pr.number}/events`) {
      route('/issues/:n/events');
      return send(200, []);
    }
    if (method === 'GET' && (m = p.match(new RegExp(`^${repoPath}/compare/([^.]+)\\.\\.\\.(.+)$`)))) {
      route('/compare/:basehead');
      const mergeBase = this.git(['merge-base', m[1]!, m[2]!]).trim();
      // The files that differ from the merge base, as GitHub lists them (at most 300; these are fewer).
      const files = await this.memo(`compared ${mergeBase} ${m[2]}`, () =>
        changedFilesBetween(this.dir, mergeBase, m![2]!),
      );
      return send(200, {
        base_commit: { sha: this.git(['rev-parse', `${m[1]!}^{commit}`]).trim() },
        merge_base_commit: { sha: mergeBase },
        files: files.map((f) => ({
          filename: f.path,
          ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
        })),
      });
    }
    if (method === 'GET' && (m = p.match(new RegExp(`^${repoPath}/git/trees/(.+)$`)))) {
      route('/git/trees/:sha');
      return send(200, this.tree(m[1]!));
    }
    if (method === 'GET' && (m = p.match(new RegExp(`^${repoPath}/git/blobs/(.+)$`)))) {
      route('/git/blobs/:sha');
      const content = execFileSync('git', ['cat-file', 'blob', m[1]!], {
        cwd: this.dir,
        maxBuffer: 1024 * 1024 * 1024,
      });
      // The raw media type (what the app asks for) answers the bytes; the default, base64 in JSON.
      if (/^application\/vnd\.github(\.v3)?\.raw\b/.test(req.headers.accept ?? ''))
        return send(200, content.toString('utf8'), 'application/vnd.github.raw');
      return send(200, {
        sha: m[1],
        size: content.length,
        encoding: 'base64',
        content: content.toString('base64'),
      });
    }
    if (method === 'GET' && (m = p.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/))) {
      route('/contents/:path');
      if (m[2] !== this.repo) return send(404, { message: 'Not Found' });
      const ref = url.searchParams.get('ref') ?? 'HEAD';
      try {
        return send(
          200,
          this.git(['show', `${ref}:${decodeURIComponent(m[3]!)}`]),
          'application/vnd.github.raw',
        );
      } catch {
        return send(404, { message: 'Not Found' });
      }
    }
    // GitHub's repository activity (who pushed to the branch): none listed here.
    if (method === 'GET' && p === `${repoPath}/activity`) {
      route('/activity');
      return send(200, []);
    }
    if (method === 'GET' && (m = p.match(new RegExp(`^${repoPath}/commits/([^/]+)/check-runs$`)))) {
      route('/commits/:sha/check-runs');
      const name = url.searchParams.get('check_name');
      const runs = this.checkRuns.filter((r) => r.head_sha === m![1] && (!name || r.name === name)).reverse();
      return send(200, { total_count: runs.length, check_runs: runs.slice(0, perPage) });
    }
    if (method === 'POST' && p === `${repoPath}/check-runs`) {
      route('/check-runs');
      const fields = body as CheckRunRecord;
      const run = {
        ...fields,
        id: this.checkRuns.length + 1,
        app: { id: APP_ID },
        conclusion: fields.conclusion ?? null,
      };
      this.checkRuns.push(run);
      return send(201, run);
    }
    if (method === 'PATCH' && (m = p.match(new RegExp(`^${repoPath}/check-runs/(\\d+)$`)))) {
      route('/check-runs/:id');
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (run) Object.assign(run, body);
      return send(200, run ?? {});
    }
    if (method === 'GET' && (m = p.match(new RegExp(`^${repoPath}/collaborators/[^/]+/permission$`)))) {
      route('/collaborators/:user/permission');
      return send(200, { permission: 'write', role_name: 'write' });
    }
    if (method === 'GET' && /^\/orgs\/[^/]+\/teams\/[^/]+\/members$/.test(p)) {
      // Every team has people enough to approve (none of them the author).
      route('/orgs/:org/teams/:team/members');
      return send(200, [{ login: 'reviewer-1' }, { login: 'reviewer-2' }]);
    }
    if (method === 'GET' && (m = p.match(/^\/orgs\/[^/]+\/teams\/[^/]+\/memberships\/[^/]+$/))) {
      route('/orgs/:org/teams/:team/memberships/:user');
      return send(404, { message: 'Not Found' });
    }
    if (method === 'GET' && /^\/orgs\/[^/]+\/teams\/[^/]+\/repos\/[^/]+\/[^/]+$/.test(p)) {
      // Every team can write to the repository (asked with the repository's media type, GitHub names
      // what the team may do).
      route('/orgs/:org/teams/:team/repos/:owner/:repo');
      return send(200, teamRepository(this.owner, this.repo, 'push'));
    }
    if (method === 'GET' && /^\/orgs\/[^/]+\/teams\/[^/]+$/.test(p)) {
      // Every team is visible: a secret one would own nothing (CODEOWNERS).
      route('/orgs/:org/teams/:team');
      return send(200, { privacy: 'closed' });
    }
    if (method === 'POST' && p === '/graphql') {
      const query = String((body as { query?: string }).query ?? '');
      const kind = /reviewThreads/.test(query)
        ? 'reviewThreads'
        : /resolveReviewThread/.test(query)
          ? 'resolveReviewThread'
          : /\bobject\(oid:/.test(query)
            ? 'blobs'
            : 'other';
      route(`/graphql (${kind})`);
      if (kind === 'blobs') return send(200, { data: { repository: this.blobObjects(query, body) } });
      if (/reviewThreads/.test(query))
        return send(200, {
          data: {
            repository: {
              pullRequest: {
                reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
              },
            },
          },
        });
      return send(200, { data: {} });
    }
    route(`(unhandled) ${p}`);
    return send(404, { message: `Not Found (bench fake): ${method} ${p}` });
  }

  /** `alias: object(oid: $var) { ... on Blob { text isBinary isTruncated } }`, each from git. */
  private blobObjects(query: string, body: unknown): Record<string, unknown> {
    const variables = (body as { variables?: Record<string, string> }).variables ?? {};
    const objects: Record<string, unknown> = {};
    for (const [, alias, variable] of query.matchAll(/(\w+): object\(oid: \$(\w+)\)/g)) {
      try {
        const content = execFileSync('git', ['cat-file', 'blob', variables[variable!]!], {
          cwd: this.dir,
          maxBuffer: 1024 * 1024 * 1024,
        });
        const isBinary = content.includes(0);
        objects[alias!] = { text: isBinary ? null : content.toString('utf8'), isBinary, isTruncated: false };
      } catch {
        objects[alias!] = null;
      }
    }
    return objects;
  }

  private pullRequest() {
    const headSha = this.sha(this.pr.headRef);
    const baseSha = this.sha(this.pr.baseRef);
    return {
      number: this.pr.number,
      state: 'open',
      user: { login: this.pr.author, type: 'User' },
      labels: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { sha: headSha, ref: this.pr.headRef, repo: { id: 1, name: this.repo } },
      base: { sha: baseSha, ref: this.pr.baseRef, repo: { id: 1, name: this.repo } },
    };
  }

  private memo<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  private async files() {
    const head = this.sha(this.pr.headRef);
    const base = this.git(['merge-base', this.pr.baseRef, head]).trim();
    const files = await this.memo(`files ${base} ${head}`, () => changedFilesBetween(this.dir, base, head));
    return files.map((f) => ({
      filename: f.path,
      status: f.status,
      ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
      ...(f.patch !== undefined ? { patch: f.patch } : {}),
    }));
  }

  private commits() {
    const head = this.sha(this.pr.headRef);
    const log = this.git(['log', '--format=%H %ae', `${this.pr.baseRef}..${head}`, '--reverse']);
    return log
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha] = line.split(' ');
        const person = { login: this.pr.author, type: 'User' };
        return {
          sha,
          author: person,
          committer: person,
          commit: { message: 'change', author: {}, committer: {} },
        };
      });
  }

  private tree(sha: string) {
    return this.memo(`tree ${sha}`, () => {
      const listing = this.git(['ls-tree', '-r', '-l', '-z', '--full-tree', sha]);
      const tree = listing
        .split('\0')
        .filter(Boolean)
        .map((record) => {
          const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.+)$/s.exec(record)!;
          return { path: match[5], mode: match[1], type: match[2], sha: match[3], size: Number(match[4]) };
        });
      return { sha, tree, truncated: false };
    });
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
