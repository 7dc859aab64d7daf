/**
 * A small stateful GitHub for the sign-off app tests: nock interceptors answer from `state` (reviews,
 * teams, check runs, review requests, issue events) and from a real two-commit git repository (trees
 * and blobs), so a test changes the state between deliveries and asserts what the app wrote. Every
 * request is recorded; a request without an interceptor is recorded as unmatched.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import nock from 'nock';
import { GitFileSource } from '../../../src/adapters/git-file-source.js';
import type { TwoCommitRepo } from '../../app/support/git-repo.js';
import { accountId } from '../../app/support/accounts.js';
import { REPOSITORY_MEDIA_TYPE, teamRepository } from '../../app/support/team-repository.js';
import type { TeamRole } from '../../app/support/team-repository.js';

export const API = 'https://api.github.com';
const REPO = '/repos/acme/shop';

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

export interface CheckRunState {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output?: { title: string; summary: string; text?: string };
  /** The app's record on the run (who pushed the commit). */
  external_id?: string;
  /** The app that created the run (default: this app, id 1). */
  app?: { id: number };
}

export interface ReviewState {
  id: number;
  user: string;
  /** GitHub's account type (default: `Bot` for a `…[bot]` login, else `User`). */
  type?: string;
  /** GitHub's id of the account (kept through a rename of its login); default: its login's (accounts.ts). */
  userId?: number;
  state: string;
  commit_id: string;
  submitted_at: string;
}

/** A pull request of the fake: PR 7 is the top-level state (base `main`); others are `otherPulls`. */
export interface PullState {
  base: string;
  /** `open` (default) or `closed`. */
  state?: string;
  author: string;
  labels: string[];
  reviews: ReviewState[];
  requested: { users: string[]; teams: string[] };
  events: Record<string, unknown>[];
}

export interface GitHubState {
  /**
   * The base branch's tip when it moved on since the merge base (a commit of the repository; default:
   * the merge base itself). Pull requests show it as their `base.sha`.
   */
  baseTipSha?: string;
  /**
   * The base commit GitHub's pull requests name (`base.sha`), when it lags the branch (default: the
   * base branch's tip). Comparisons by the branch's name resolve it to its tip all the same.
   */
  pullBaseSha?: string;
  /** Comparisons name commits only: one by a branch's name answers 404. */
  comparesCommitsOnly?: boolean;
  /** Pull request 7's base branch (default `main`): a test retargets it by setting this. */

  base?: string;
  /**
   * Pull request 7's head is in a fork (`mallory/shop`, branch `feature`), not in acme/shop: GitHub
   * serves its commits through acme/shop all the same.
   */
  fork?: boolean;
  /** Pull request 7's state (default `open`). */

  state?: string;
  author: string;
  labels: string[];
  reviews: ReviewState[];
  /** `slug` → member logins (org `acme`). */
  teams: Record<string, string[]>;
  /** Repository permission per login (`admin`, `write`, `read`, `none`; `fail`: 502); default `write`. */
  permissions?: Record<string, string>;
  /** Team slugs whose membership lookups answer 502. */
  failingTeams: string[];
  /**
   * `slug` → the repositories (`owner/repo`) the team has access to; a team not named here has access
   * to acme/shop, the repository under test.
   */
  teamRepositories?: Record<string, string[]>;
  /**
   * `slug` → the team's role on acme/shop (`pull`, `triage`, `push`, `maintain`, `admin`); a team not
   * named here can push.
   */
  teamRoles?: Record<string, TeamRole>;
  /** Team slugs whose repository access lookups answer 502. */
  failingTeamAccess?: string[];
  /** Team slugs GitHub keeps secret (`privacy: secret`); a team not named here is visible (`closed`). */
  secretTeams?: string[];
  /** Team slugs whose "Get a team by name" answers 502. */
  failingTeamPrivacy?: string[];
  /**
   * Team slugs GitHub refuses to show the app (403 "Resource not accessible by integration": the app
   * was not granted read access to the organization's members).
   */
  forbiddenTeams?: string[];
  /** `slug` → logins invited to the team who have not accepted: GitHub answers `state: pending`. */
  pendingMembers?: Record<string, string[]>;
  checkRuns: CheckRunState[];
  requested: { users: string[]; teams: string[] };
  events: Record<string, unknown>[];
  config: string | undefined;
  /** The organisation's config (`acme/.github`, its default branch), which a config may `_extends`. */
  orgConfig?: string;
  /** The config at other base branches (by ref); `config` answers for the rest. */
  configs?: Record<string, string | undefined>;
  /** Further open pull requests with the same head, by number (e.g. into another base). */
  otherPulls?: Record<number, PullState>;
  /**
   * A push of `head` lands while the changed files are listed: the listing answers `files` (the new
   * head's), and every later read of pull request 7 names `head`.
   */
  pushDuringListing?: { head: string; files: unknown[] };
  /**
   * Files the changed-files listing leaves out although they differ between the merge base and the
   * head (a list GitHub computed against another base commit); the comparison still lists them.
   */
  unlistedFiles?: string[];
  /** How many listings leave `unlistedFiles` out before GitHub's list catches up (unset: every one). */
  unlistedListings?: number;
  /** When set, the changed-files listing answers 502. */
  failingFiles?: boolean;
  /** Further files the pull request adds outside the blueprint (`notes/<n>.md`), listed before the rest. */
  paddingFiles?: number;
  /** When set, the pull request's reviews listing answers 502. */
  failingReviews?: boolean;
  /** When set, the pull request's issue events (dismissals, label removals) answer 502. */
  failingEvents?: boolean;
  /** Listings of the open pull requests (`GET /pulls`) answer 502 this many more times. */
  failingPullListings?: number;
  /**
   * Pull requests opened (with the same head) right after the next listings of the open pull requests
   * answered, one per listing: the listing that ran before each does not name it.
   */
  openedAfterListing?: Record<number, PullState>[];
  /** Reads of a single pull request (`GET /pulls/{n}`) answer 502 this many more times. */
  failingPullReads?: number;
  /** Listings of a commit's check runs answer 502 this many more times. */
  failingCheckReads?: number;
  /**
   * Further repositories of the installation (org `acme`), listed before `shop`, whose open pull
   * requests cannot be listed (502).
   */
  unreadableRepositories?: string[];
  /**
   * Of those, the ones GraphQL lists (their open pull requests numbered count..1, as for
   * `otherRepositories`); GraphQL answers 502 for the others.
   */
  listedByGraphql?: Record<string, number>;
  /**
   * Further repositories of the installation, listed before `shop` (after the unreadable ones), with
   * how many open pull requests each has (listed paged, newest first); their checks are none.
   */
  otherRepositories?: Record<string, number>;
  /**
   * Repositories renamed (or transferred within acme): their name now → the name they had. A renamed
   * repository keeps its id, as on GitHub; every other's id follows from its name (repositoryId).
   */
  renamed?: Record<string, string>;
  /** Check-run writes (create, update) answer 403 "secondary rate limit" this many more times. */
  refusedCheckWrites?: number;
  /**
   * GitHub's repository activity for the head branch (`feature`), newest first; default none. `404`:
   * the API does not exist (an older GitHub Enterprise Server).
   */
  activity?: ActivityState[] | 404;
  /** Merge queue branches (`refs/heads/gh-readonly-queue/…`) and their head commits; default none. */
  queueBranches?: { ref: string; sha: string }[];
  /** The listing of queue branches answers 502 this many more times. */
  failingQueueReads?: number;
  /** Merge groups built on another: [the group ahead's head, the head of the group built on it]. */
  builtOn?: [string, string][];
  /**
   * Pull request 7's commits as GitHub lists them (author and committer logins, null: no account);
   * default: the head, by its author, committed by `web-flow`.
   */
  commits?: { sha: string; author: string | null; committer: string | null }[];
  /**
   * The repository's trees are too large for GitHub to list in one response: it answers the first
   * half of each listing, `truncated: true`.
   */
  truncatedTrees?: boolean;
}

/** Open pull request `n` of another repository of the installation (`otherRepositories`). */
function otherPull(repo: string, n: number, id: number) {
  const sha = createHash('sha1').update(`${repo}#${n}`).digest('hex');
  return {
    number: n,
    state: 'open',
    user: { login: 'someone' },
    head: { sha, ref: `topic-${n}`, repo: { id } },
    base: { sha: '0'.repeat(40), ref: 'main', repo: { id } },
  };
}

/**
 * The id of the repository first named `name`: its first six letters read in base 36, so that ids
 * order the fake's repositories as their first names do (GitHub's ids follow creation instead).
 */
export function repositoryId(name: string): number {
  return parseInt(
    name
      .toLowerCase()
      .replace(/[^0-9a-z]/g, '')
      .slice(0, 6)
      .padEnd(6, '0'),
    36,
  );
}

/** One entry of `GET /repos/{owner}/{repo}/activity`. */
export interface ActivityState {
  before: string;
  after: string;
  ref: string;
  activity_type: string;
  actor: { login: string } | null;
}

/**
 * An event or activity entry as GitHub serves it: its actor with the account's id (the one a test
 * gave, else its login's), as GitHub always gives one.
 */
function withActorId<T>(entry: T): T {
  const actor = (entry as { actor?: unknown }).actor;
  if (!actor || typeof actor !== 'object') return entry;
  const { login, id } = actor as { login: string; id?: number };
  return { ...entry, actor: { ...actor, id: id ?? accountId(login) } };
}

/** GitHub's answer when the app writes too fast (docs: "About secondary rate limits"). */
const SECONDARY_RATE_LIMIT: [number, unknown, Record<string, string>] = [
  403,
  {
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
    documentation_url:
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  },
  { 'retry-after': '1' },
];

export class SignoffGitHub {
  readonly calls: Call[] = [];
  readonly unmatched: string[] = [];
  readonly scope = nock(API).persist();
  private nextCheckId = 2001;
  private readonly onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
    this.unmatched.push(`${req.method} ${req.path ?? req.href}`);

  constructor(
    readonly repo: TwoCommitRepo,
    readonly state: GitHubState,
  ) {
    nock.emitter.on('no match', this.onNoMatch);
  }

  dispose(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
  }

  find(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path.split('?')[0] === path);
  }

  /** The state of pull request `n` (7: the top-level state). */
  pull(n: number): PullState {
    if (n === 7) {
      // Getters: a test may replace a field (or spy on its reads) between deliveries.
      const s = this.state;
      return {
        get base() {
          return s.base ?? 'main';
        },
        get state() {
          return s.state ?? 'open';
        },
        get author() {
          return s.author;
        },
        get labels() {
          return s.labels;
        },
        get reviews() {
          return s.reviews;
        },
        get requested() {
          return s.requested;
        },
        get events() {
          return s.events;
        },
      };
    }
    const other = this.state.otherPulls?.[n];
    if (!other) throw new Error(`the fake has no pull request ${n}`);
    return other;
  }

  private pullOf(uri: string): PullState | undefined {
    const n = /\/(?:pulls|issues)\/(\d+)/.exec(uri)?.[1];
    try {
      return n === undefined ? undefined : this.pull(Number(n));
    } catch {
      return undefined;
    }
  }

  /** Writes to GitHub, in order: what the app did. */
  writes(): string[] {
    return this.calls
      .filter((c) => c.method !== 'GET' && !c.path.includes('/access_tokens'))
      .map((c) => `${c.method} ${c.path.split('?')[0]}`);
  }

  private on(
    method: 'get' | 'post' | 'patch',
    path: string | RegExp,
    answer: (
      uri: string,
      body: unknown,
      headers: Record<string, string | string[] | undefined>,
    ) => [number, unknown] | [number, unknown, Record<string, string>],
  ) {
    const interceptor = this.scope[method](path);
    const query = method === 'get' ? interceptor.query(true) : interceptor;
    const calls = this.calls;
    query.reply(function (uri, body) {
      calls.push({ method: method.toUpperCase(), path: uri, body });
      return answer(uri, body, this.req.headers);
    });
  }

  async install(): Promise<void> {
    const s = this.state;
    this.on('post', /\/app\/installations\/\d+\/access_tokens/, () => [
      201,
      { token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString() },
    ]);
    this.on('get', new RegExp(`^${REPO}/pulls/\\d+$`), (uri) => {
      if (s.failingPullReads) {
        s.failingPullReads--;
        return [502, { message: 'Bad Gateway' }];
      }
      const pr = this.pullOf(uri);
      if (!pr) return [404, { message: 'Not Found' }];
      return [
        200,
        {
          number: Number(/\d+$/.exec(uri.split('?')[0]!)![0]),
          state: pr.state ?? 'open',
          user: { login: pr.author, type: 'User' },
          head: {
            sha: (/\/pulls\/7$/.test(uri.split('?')[0]!) && this.movedTo) || this.repo.headSha,
            ref: 'feature',
            repo: s.fork
              ? { id: 4711, full_name: 'mallory/shop', fork: true }
              : { id: 118, full_name: 'acme/shop', fork: false },
          },
          base: {
            sha: s.pullBaseSha ?? s.baseTipSha ?? this.repo.baseSha,
            ref: pr.base,
            repo: { id: 118, full_name: 'acme/shop' },
          },
          labels: pr.labels.map((name, i) => ({ id: i, name })),
          requested_reviewers: pr.requested.users.map((login) => ({ login })),
          requested_teams: pr.requested.teams.map((slug) => ({ slug })),
        },
      ];
    });
    // A repository's id, whatever it is called now.
    const id = (name: string) => repositoryId(s.renamed?.[name] ?? name);
    this.on('get', /^\/installation\/repositories/, () => {
      const names = [...(s.unreadableRepositories ?? []), ...Object.keys(s.otherRepositories ?? {}), 'shop'];
      const repositories = names.map((name) => ({ id: id(name), name, owner: { login: 'acme' } }));
      return [200, { total_count: repositories.length, repositories }];
    });
    // Another repository's open pull requests: none, or 502 for an unreadable one.
    this.on('get', /^\/repos\/acme\/(?!shop\/)[^/]+\/pulls(\?|$)/, (uri) => {
      const name = uri.split('/')[3]!.split('?')[0]!;
      if (s.unreadableRepositories?.includes(name)) return [502, { message: 'Bad Gateway' }];
      const query = new URL(uri, API).searchParams;
      const perPage = Number(query.get('per_page') ?? 30);
      const from = (Number(query.get('page') ?? 1) - 1) * perPage;
      const count = s.otherRepositories?.[name] ?? 0;
      const numbers = Array.from({ length: count }, (_, i) => count - i).slice(from, from + perPage);
      return [200, numbers.map((n) => otherPull(name, n, id(name)))];
    });
    // Their open pull requests through GraphQL (src/adapters/github/pull-request.ts
    // openPullRequestHeadsPage), `first` a page from the cursor `after` (here: how many came before).
    this.on('post', /^\/graphql$/, (_uri, body) => {
      const { repo, first, after } = (
        body as { variables: { repo: string; first: number; after: string | null } }
      ).variables;
      const count = s.listedByGraphql?.[repo];
      if (count === undefined) return [502, { message: 'Bad Gateway' }];
      const from = Number(after ?? 0);
      const nodes = Array.from({ length: count }, (_, i) => otherPull(repo, count - i, id(repo)))
        .slice(from, from + first)
        .map((pr) => ({ number: pr.number, headRefOid: pr.head.sha, baseRefName: pr.base.ref }));
      const more = from + first < count;
      const pullRequests = {
        nodes,
        pageInfo: { hasNextPage: more, endCursor: more ? String(from + first) : null },
      };
      // With the id of the repository that has the name now (a renamed one keeps its own).
      return [200, { data: { repository: { databaseId: id(repo), pullRequests } } }];
    });
    // One of them (a job given up reads its pull request before marking its checks).
    this.on('get', /^\/repos\/acme\/(?!shop\/)[^/]+\/pulls\/\d+$/, (uri) => {
      const [, , , name, , n] = uri.split('/');
      return [200, otherPull(name!, Number(n), id(name!))];
    });
    // Their checks: none yet, and a write (a check marked delayed) is taken.
    this.on('get', /^\/repos\/acme\/(?!shop\/)[^/]+\/commits\/[0-9a-f]{40}\/check-runs/, () => [
      200,
      { total_count: 0, check_runs: [] },
    ]);
    this.on('post', /^\/repos\/acme\/(?!shop\/)[^/]+\/check-runs$/, () => [201, { id: this.nextCheckId++ }]);
    // Open pull requests, into `base` when the query names one (as GitHub filters them).
    this.on('get', new RegExp(`^${REPO}/pulls(\\?|$)`), (uri) => {
      if (s.failingPullListings) {
        s.failingPullListings--;
        return [502, { message: 'Bad Gateway' }];
      }
      const base = new URL(uri, API).searchParams.get('base');
      const opened = s.openedAfterListing?.shift();
      const listed = [7, ...Object.keys(s.otherPulls ?? {}).map(Number)];
      if (opened) s.otherPulls = { ...s.otherPulls, ...opened };
      return [
        200,
        listed
          .filter((n) => (this.pull(n).state ?? 'open') === 'open')
          .filter((n) => base === null || this.pull(n).base === base)
          .map((n) => ({
            number: n,
            state: 'open',
            user: { login: this.pull(n).author },
            head: { sha: this.repo.headSha },
            base: { sha: this.repo.baseSha, ref: this.pull(n).base },
          })),
      ];
    });
    this.on('get', new RegExp(`^${REPO}/commits/[0-9a-f]{40}/check-runs`), (uri) => {
      if (s.failingCheckReads) {
        s.failingCheckReads--;
        return [502, { message: 'Bad Gateway' }];
      }
      const url = new URL(uri, API);
      const sha = url.pathname.split('/')[5];
      const name = url.searchParams.get('check_name');
      const appId = url.searchParams.get('app_id');
      const runs = s.checkRuns
        .map((r) => ({ app: { id: 1 }, ...r }))
        .filter((r) => r.head_sha === sha && (name === null || r.name === name))
        .filter((r) => appId === null || String(r.app.id) === appId)
        .reverse(); // newest first, as GitHub lists them
      return [200, { total_count: runs.length, check_runs: runs }];
    });
    this.on('get', new RegExp(`^${REPO}/activity$`), (uri) => {
      if (s.activity === 404) return [404, { message: 'Not Found' }];
      const ref = new URL(uri, API).searchParams.get('ref');
      return [200, (s.activity ?? []).filter((a) => a.ref === ref).map(withActorId)];
    });
    // Git refs starting with a prefix (only merge queue branches are modelled).
    this.on('get', new RegExp(`^${REPO}/git/matching-refs/`), (uri) => {
      if (s.failingQueueReads) {
        s.failingQueueReads--;
        return [502, { message: 'Bad Gateway' }];
      }
      const prefix = `refs/${decodeURIComponent(uri.split('/git/matching-refs/')[1]!.split('?')[0]!)}`;
      const refs = (s.queueBranches ?? []).filter((b) => b.ref.startsWith(prefix));
      return [200, refs.map((b) => ({ ref: b.ref, object: { sha: b.sha, type: 'commit' } }))];
    });
    this.on('post', `${REPO}/check-runs`, (_uri, body) => {
      if (this.refuseCheckWrite()) return SECONDARY_RATE_LIMIT;
      // GitHub answers `conclusion: null` for a run created without one (queued, in progress).
      const input = body as Omit<CheckRunState, 'id' | 'conclusion'> & { conclusion?: string };
      const run: CheckRunState = { id: this.nextCheckId++, ...input, conclusion: input.conclusion ?? null };
      s.checkRuns.push(run);
      return [201, { id: run.id }];
    });
    this.on('patch', new RegExp(`^${REPO}/check-runs/\\d+$`), (uri, body) => {
      if (this.refuseCheckWrite()) return SECONDARY_RATE_LIMIT;
      const run = s.checkRuns.find((r) => r.id === Number(uri.split('/').pop()));
      if (!run) return [404, { message: 'Not Found' }];
      Object.assign(run, body);
      return [200, { id: run.id }];
    });
    this.on('get', '/repos/acme/.github/contents/.github%2Fblueprint-review.yml', () =>
      s.orgConfig === undefined ? [404, { message: 'Not Found' }] : [200, s.orgConfig],
    );
    this.on('get', `${REPO}/contents/.github%2Fblueprint-review.yml`, (uri) => {
      const ref = new URL(uri, API).searchParams.get('ref') ?? '';
      const text = s.configs && ref in s.configs ? s.configs[ref] : s.config;
      return text === undefined ? [404, { message: 'Not Found' }] : [200, text];
    });
    this.on('get', new RegExp(`^${REPO}/pulls/\\d+/files`), (uri) => {
      if (s.failingFiles) return [502, { message: 'Bad Gateway' }];
      if (!s.pushDuringListing) return [200, this.filesPage(uri)];
      this.movedTo = s.pushDuringListing.head;
      return [200, s.pushDuringListing.files];
    });
    this.on('get', new RegExp(`^${REPO}/compare/`), (uri) => {
      const [from, to] = decodeURIComponent(uri.split('/compare/')[1]!.split('?')[0]!).split('...');
      if (s.comparesCommitsOnly && !/^[0-9a-f]{40}$/.test(from!)) return [404, { message: 'Not Found' }];
      const built = (s.builtOn ?? []).some(([a, b]) => a === from && b === to);
      // A branch's name resolves to its tip (only the base branches are compared by name).
      const base = /^[0-9a-f]{40}$/.test(from!) ? from : (s.baseTipSha ?? this.repo.baseSha);
      return [
        200,
        {
          status: built ? 'ahead' : 'diverged',
          base_commit: { sha: base },
          merge_base_commit: { sha: this.repo.baseSha },
          // The first 300 files that differ between the merge base and the head, as GitHub lists them.
          files: this.allChangedFiles().slice(0, 300),
        },
      ];
    });
    // Paged as GitHub pages them (`per_page`, default 30; `page` from 1).
    this.on('get', new RegExp(`^${REPO}/pulls/\\d+/reviews`), (uri) => {
      if (s.failingReviews) return [502, { message: 'Bad Gateway' }];
      const query = new URL(uri, API).searchParams;
      const perPage = Number(query.get('per_page') ?? 30);
      const from = (Number(query.get('page') ?? 1) - 1) * perPage;
      const page = this.pullOf(uri)!.reviews.slice(from, from + perPage);
      return [
        200,
        page.map(({ type, userId, ...r }) => ({
          ...r,
          user: {
            login: r.user,
            type: type ?? (r.user.endsWith('[bot]') ? 'Bot' : 'User'),
            id: userId ?? accountId(r.user),
          },
        })),
      ];
    });
    this.on('get', new RegExp(`^${REPO}/pulls/\\d+/commits`), (uri) => [
      200,
      (
        s.commits ?? [{ sha: this.repo.headSha, author: this.pullOf(uri)!.author, committer: 'web-flow' }]
      ).map((c) => ({
        sha: c.sha,
        author: c.author === null ? null : { login: c.author },
        committer: c.committer === null ? null : { login: c.committer },
      })),
    ]);
    this.on('get', new RegExp(`^${REPO}/issues/\\d+/events`), (uri) =>
      s.failingEvents ? [502, { message: 'Bad Gateway' }] : [200, this.pullOf(uri)!.events.map(withActorId)],
    );
    this.on('get', /^\/orgs\/acme\/teams\/[^/]+\/memberships\/[^/]+$/, (uri) => {
      const [, , , , slug, , user] = uri.split('?')[0]!.split('/');
      if (s.failingTeams.includes(slug!)) return [502, { message: 'Bad Gateway' }];
      if (s.forbiddenTeams?.includes(slug!))
        return [403, { message: 'Resource not accessible by integration' }];
      const login = decodeURIComponent(user!);
      if (s.pendingMembers?.[slug!]?.includes(login)) return [200, { state: 'pending', role: 'member' }];
      return s.teams[slug!]?.includes(login)
        ? [200, { state: 'active', role: 'member' }]
        : [404, { message: 'Not Found' }];
    });
    // "List team members": the active members (an invitation not yet accepted is not one), paged.
    this.on('get', /^\/orgs\/acme\/teams\/[^/]+\/members$/, (uri) => {
      const slug = uri.split('?')[0]!.split('/')[4]!;
      if (s.failingTeams.includes(slug)) return [502, { message: 'Bad Gateway' }];
      if (s.forbiddenTeams?.includes(slug))
        return [403, { message: 'Resource not accessible by integration' }];
      if (!s.teams[slug]) return [404, { message: 'Not Found' }];
      const query = new URL(uri, API).searchParams;
      const perPage = Number(query.get('per_page') ?? 30);
      const from = (Number(query.get('page') ?? 1) - 1) * perPage;
      const members = s.teams[slug].slice(from, from + perPage);
      return [200, members.map((login) => ({ login, id: accountId(login), type: 'User' }))];
    });
    this.on('get', new RegExp(`^${REPO}/collaborators/[^/]+/permission$`), (uri) => {
      const user = decodeURIComponent(uri.split('?')[0]!.split('/')[5]!);
      if (s.permissions?.[user] === 'fail') return [502, { message: 'Bad Gateway' }];
      return [200, { permission: s.permissions?.[user] ?? 'write', role_name: 'x', user: { login: user } }];
    });
    this.on('get', /^\/orgs\/acme\/teams\/[^/]+\/repos\/[^/]+\/[^/]+$/, (uri, _body, headers) => {
      const [, , , , slug, , owner, repo] = uri.split('?')[0]!.split('/');
      if (s.failingTeamAccess?.includes(slug!)) return [502, { message: 'Bad Gateway' }];
      if (s.forbiddenTeams?.includes(slug!))
        return [403, { message: 'Resource not accessible by integration' }];
      const reaches = s.teamRepositories?.[slug!] ?? ['acme/shop'];
      if (!s.teams[slug!] || !reaches.includes(`${owner}/${repo}`.toLowerCase()))
        return [404, { message: 'Not Found' }];
      // GitHub names the team's role only to a client that asks for the repository's media type.
      return String(headers.accept ?? '').includes(REPOSITORY_MEDIA_TYPE)
        ? [200, teamRepository(owner!, repo!, s.teamRoles?.[slug!] ?? 'push')]
        : [204, ''];
    });
    // "Get a team by name": the team's privacy, which CODEOWNERS reads (a secret team owns nothing).
    this.on('get', /^\/orgs\/acme\/teams\/[^/]+$/, (uri) => {
      const slug = uri.split('?')[0]!.split('/')[4]!;
      if (s.failingTeamPrivacy?.includes(slug)) return [502, { message: 'Bad Gateway' }];
      if (!s.teams[slug]) return [404, { message: 'Not Found' }];
      return [200, { slug, name: slug, privacy: s.secretTeams?.includes(slug) ? 'secret' : 'closed' }];
    });
    // Another organization's teams: the installation (acme's) cannot see them. GitHub may say so with
    // 404 or with 403; the app must not read either as "not a member" or as "re-run".
    this.on('get', /^\/orgs\/(?!acme\/)[^/]+\/teams\//, () => [
      403,
      { message: 'Resource not accessible by integration' },
    ]);
    this.on('post', new RegExp(`^${REPO}/pulls/\\d+/requested_reviewers`), (uri, body) => {
      const b = body as { reviewers: string[]; team_reviewers: string[] };
      const pr = this.pullOf(uri)!;
      pr.requested.users.push(...b.reviewers);
      pr.requested.teams.push(...b.team_reviewers);
      const created_at = new Date().toISOString();
      for (const login of b.reviewers)
        pr.events.push({
          event: 'review_requested',
          actor: { login: 'blueprint-review[bot]' },
          requested_reviewer: { login },
          created_at,
        });
      for (const slug of b.team_reviewers)
        pr.events.push({
          event: 'review_requested',
          actor: { login: 'blueprint-review[bot]' },
          requested_team: { slug },
          created_at,
        });
      return [201, {}];
    });
    await this.serveRepository();
  }

  /**
   * One page of the changed files, paged as GitHub pages them (`per_page`, default 30); GitHub lists
   * at most 3,000 files, and the pages beyond are empty.
   */
  /** Every file that differs between the merge base and the head (the padding first), as GitHub lists them. */
  private allChangedFiles(): { filename: string }[] {
    const padding = Array.from({ length: this.state.paddingFiles ?? 0 }, (_, n) => ({
      filename: `notes/${n}.md`,
      status: 'added',
      sha: '0'.repeat(40),
    }));
    return [...padding, ...(this.changedFiles as { filename: string }[])];
  }

  private filesPage(uri: string): unknown[] {
    const query = new URL(uri, API).searchParams;
    const firstPage = (query.get('page') ?? '1') === '1';
    const caughtUp = this.state.unlistedListings !== undefined && this.state.unlistedListings <= 0;
    const unlisted = new Set(caughtUp ? [] : (this.state.unlistedFiles ?? []));
    if (firstPage && this.state.unlistedListings !== undefined) this.state.unlistedListings--;
    const files = this.allChangedFiles()
      .filter((f) => !unlisted.has(f.filename))
      .slice(0, 3000);
    const perPage = Number(query.get('per_page') ?? 30);
    const from = (Number(query.get('page') ?? 1) - 1) * perPage;
    return files.slice(from, from + perPage);
  }

  private refuseCheckWrite(): boolean {
    if (!this.state.refusedCheckWrites) return false;
    this.state.refusedCheckWrites--;
    return true;
  }

  private changedFiles: unknown[] = [];
  /** The head pull request 7 moved to during a listing of its files (`pushDuringListing`). */
  private movedTo: string | undefined;

  private async serveRepository(): Promise<void> {
    const shas = [
      this.repo.baseSha,
      this.repo.headSha,
      ...(this.state.baseTipSha ? [this.state.baseTipSha] : []),
    ];
    const sources = await Promise.all(shas.map((sha) => GitFileSource.open(this.repo.dir, sha)));
    // As git (and GitHub) list them: every entry with its mode, symbolic links (120000) included.
    const [base, head] = shas.map((sha) => gitTree(this.repo.dir, sha, true)) as [GitTree, GitTree];
    const before = new Map(base.map((e) => [e.path, e]));
    const after = new Set(head.map((e) => e.path));
    // As GitHub lists them: added and modified files (`changed`: the mode alone), and those deleted.
    this.changedFiles = [
      ...head
        .filter((e) => before.get(e.path)?.sha !== e.sha || before.get(e.path)?.mode !== e.mode)
        .map((e) => ({ filename: e.path, status: changeStatus(before.get(e.path), e), sha: e.sha })),
      ...base
        .filter((e) => !after.has(e.path))
        .map((e) => ({ filename: e.path, status: 'removed', sha: e.sha })),
    ].sort((a, b) => (a.filename < b.filename ? -1 : 1));
    for (const [i, source] of sources.entries()) {
      const tree = i < 2 ? [base, head][i]! : gitTree(this.repo.dir, source.sha, true);
      this.on('get', `${REPO}/git/trees/${source.sha}`, () => [
        200,
        this.state.truncatedTrees
          ? { sha: source.sha, tree: tree.slice(0, tree.length / 2), truncated: true }
          : { sha: source.sha, tree, truncated: false },
      ]);
      for (const entry of source.entries()) {
        const text = await source.read(entry.path);
        // The app asks for blobs raw (application/vnd.github.v3.raw), never base64 in JSON.
        this.on('get', `${REPO}/git/blobs/${entry.blob}`, () => [200, text.kind === 'ok' ? text.text : '']);
      }
    }
  }

  /**
   * Serves the tree of a further commit of the repository (one an approval was given on) as git lists
   * it: each entry with its own mode (a symbolic link is 120000), which the base and head trees leave out.
   */
  /** `sha` is no commit GitHub serves (force-pushed away and collected, or never pushed): 404. */
  serveNoTree(sha: string): void {
    this.on('get', `${REPO}/git/trees/${sha}`, () => [404, { message: 'Not Found' }]);
  }

  serveTree(sha: string): void {
    const tree = gitTree(this.repo.dir, sha);
    this.on('get', `${REPO}/git/trees/${sha}`, () => [200, { sha, tree, truncated: false }]);
  }
}

type GitTree = { path: string; mode: string; type: string; sha: string; size?: number }[];

/** A commit's recursive tree as GitHub's trees API lists it: every entry with its mode (and size). */
function gitTree(dir: string, sha: string, sizes = false): GitTree {
  const args = ['ls-tree', '-r', '-z', ...(sizes ? ['-l'] : []), sha];
  const listing = execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  return listing
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const [info, path] = record.split('\t') as [string, string];
      const [mode, type, object, size] = info.split(/ +/) as [string, string, string, string?];
      return { path, mode, type, sha: object, ...(sizes && size !== '-' ? { size: Number(size) } : {}) };
    });
}

/** GitHub's status of a path the head lists: added, modified, or `changed` (its mode alone). */
function changeStatus(before: GitTree[number] | undefined, after: GitTree[number]): string {
  if (!before) return 'added';
  return before.sha === after.sha ? 'changed' : 'modified';
}
