/**
 * The sign-off gate's `PullRequestFacts` over the GitHub REST API. Every answer is read at evaluation
 * time (team membership is never cached across evaluations); every failure becomes a failed `Lookup`
 * with GitHub's reason in words, so the gate fails closed and says why.
 */
import type { KnownPushers, LabelRemoval, PullRequestFacts, PushersContext } from '../../signoff/facts.js';
import { fingerprintOf } from '../../signoff/facts.js';
import type { EntriesAt, Push } from '../../signoff/pushes.js';
import { tracePushers, unknownPusherReason } from '../../signoff/push-trace.js';
import type {
  BlueprintScope,
  CommitFacts,
  Lookup,
  Pusher,
  Review,
  TeamAccess,
  TeamMember,
} from '../../signoff/types.js';
import { normalizeLogin, reviewStateOf } from '../../signoff/types.js';
import type { GitHubClient } from './client.js';
import { isNotFound, isTransient } from './client.js';
import type { TreeReader } from './file-source.js';
import { readTree } from './file-source.js';
import type { AppRequests } from './issue-event-facts.js';
import { appRequestsIn, labelRemovalsIn, latestRetarget, withDismissals } from './issue-event-facts.js';
import type { IssueEvent } from './issue-events.js';
import { readIssueEvents } from './issue-events.js';
import { addsNothingOfItsOwn } from './pass-through-pushes.js';
import { array, boolean, integer, nullable, object, optional, string } from './shapes.js';

/** GitHub's answers, as far as the gate reads them (checked before use: shapes.ts). */
const LOGIN = object({ login: string });
const COMMITS = array(
  object({ sha: string, author: optional(nullable(LOGIN)), committer: optional(nullable(LOGIN)) }),
);
const REVIEWS = array(
  object({
    id: integer,
    user: nullable(object({ login: string, type: optional(string), id: optional(integer) })),
    state: string,
    commit_id: optional(nullable(string)),
    submitted_at: optional(nullable(string)),
  }),
);
const PERMISSION = object({ permission: string });
/** What a team's role lets it do (a custom role's too: it is based on one of these). */
const TEAM_REPOSITORY = object({
  permissions: object({ push: boolean, maintain: optional(boolean), admin: boolean }),
});
/** Asked for, "Check team permissions for a repository" answers 200 with the team's permissions. */
const REPOSITORY_MEDIA_TYPE = 'application/vnd.github.v3.repository+json';
const MEMBERSHIP = object({ state: string });
const MEMBERS = array(object({ login: string, id: optional(integer) }));
/** "Get a team by name": its privacy, `secret` or `closed` (visible to the organization). */
const TEAM = object({ privacy: string });

/** GitHub lists at most 250 commits of a pull request. */
const MAX_COMMITS = 250;
const MAX_PAGES = 10;

export interface PullRequestIdentity {
  number: number;
  author: string;
  headSha: string;
  /** The base branch by name: a push that only brought it in hides nobody (pass-through-pushes.ts). */
  baseRef: string;
  labels: readonly string[];
  /** The pushes the app recorded on each commit (pushes.ts): who pushed is traced from the head. */
  pushes: EntriesAt;
}

export class GitHubPullRequestFacts implements PullRequestFacts {
  readonly author: string;
  readonly headSha: string;
  readonly labels: readonly string[];
  private events: Promise<IssueEvent[]> | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly pr: PullRequestIdentity,
    /** Tree listings (the job's shared reader: the head's tree is the one the review listed). */
    private readonly trees: TreeReader = (sha) => readTree(client, sha),
  ) {
    this.author = pr.author;
    this.headSha = pr.headSha;
    this.labels = pr.labels;
  }

  async commits(): Promise<Lookup<CommitFacts[]>> {
    const { owner, repo } = this.client;
    return lookup(async () => {
      const commits: CommitFacts[] = [];
      for (let page = 1; page <= MAX_COMMITS / 100 + 1; page++) {
        const data = await this.client.rest(
          `GET /repos/${owner}/${repo}/pulls/${this.pr.number}/commits`,
          () =>
            this.client.octokit.rest.pulls.listCommits({
              owner,
              repo,
              pull_number: this.pr.number,
              per_page: 100,
              page,
            }),
          COMMITS,
        );
        for (const c of data)
          commits.push({ sha: c.sha, author: c.author?.login, committer: c.committer?.login });
        if (data.length < 100) break;
      }
      if (commits.length >= MAX_COMMITS)
        throw new Error(
          `the pull request has ${MAX_COMMITS} or more commits and GitHub lists only ${MAX_COMMITS}, so who wrote them cannot be known`,
        );
      return commits;
    });
  }

  /**
   * Everyone GitHub says pushed: the senders of the deliveries that made each head (traced back from
   * this head through the app's records), and force-pushers from the PR's events. Unknown when a
   * push on the way was never recorded, or made for whoever asked and adding something of its own:
   * the gate then fails closed.
   */
  async pushers(context?: PushersContext): Promise<Lookup<KnownPushers>> {
    const steerable = context?.steerable ?? [];
    const addsNothing = context
      ? addsNothingOfItsOwn({
          client: this.client,
          trees: this.trees,
          baseRef: this.pr.baseRef,
          scope: context.scope,
        })
      : undefined;
    const reviewers = context?.reviewers ?? [];
    const trace = await tracePushers(this.pr.headSha, this.pr.pushes, {
      steerable,
      ...(addsNothing ? { addsNothing } : {}),
      askFor: (push) => reviewers.some((r) => isPusher(r, push)),
    });
    if (trace.kind === 'unknown') return { kind: 'error', reason: unknownPusherReason(trace, steerable) };
    if (trace.kind === 'error') return trace;
    return lookup(async () => {
      const events = await this.issueEvents();
      const forcePushers = events.flatMap((e): Pusher[] =>
        e.event === 'head_ref_force_pushed' && e.actor
          ? [{ login: e.actor, ...(e.actorId === undefined ? {} : { id: e.actorId }) }]
          : [],
      );
      return {
        pushers: [...trace.pushers, ...forcePushers],
        passedThrough: (trace.passedThrough ?? []).map((p) => ({ commit: p.after, login: p.by })),
      };
    });
  }

  async retargetedAt(): Promise<Lookup<string | undefined>> {
    return lookup(async () => latestRetarget(await this.issueEvents()));
  }

  async labelRemovals(): Promise<Lookup<LabelRemoval[]>> {
    return lookup(async () => labelRemovalsIn(await this.issueEvents()));
  }

  async reviews(): Promise<Lookup<Review[]>> {
    const { owner, repo } = this.client;
    return lookup(async () => {
      const reviews: Review[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const data = await this.client.rest(
          `GET /repos/${owner}/${repo}/pulls/${this.pr.number}/reviews`,
          () =>
            this.client.octokit.rest.pulls.listReviews({
              owner,
              repo,
              pull_number: this.pr.number,
              per_page: 100,
              page,
            }),
          REVIEWS,
        );
        for (const r of data) {
          // A state the gate does not know is kept, not skipped: it may block (reviews.ts).
          if (!r.user) continue;
          reviews.push({
            id: r.id,
            user: r.user.login,
            ...(r.user.id === undefined ? {} : { userId: r.user.id }),
            ...reviewStateOf(r.state),
            commitId: r.commit_id ?? null,
            submittedAt: r.submitted_at ?? new Date(0).toISOString(),
            ...(r.user.type === 'Bot' ? { bot: true } : {}),
          });
        }
        if (data.length < 100) return this.withDismissals(reviews);
      }
      throw new Error(`the pull request has more than ${MAX_PAGES * 100} reviews`);
    });
  }

  /**
   * Dismissed reviews with what they had been and who dismissed them (the gate keeps a change request
   * that its author's own side dismissed). The events are read only when a review was dismissed.
   */
  private async withDismissals(reviews: Review[]): Promise<Review[]> {
    if (!reviews.some((r) => r.state === 'DISMISSED')) return reviews;
    return withDismissals(reviews, await this.issueEvents());
  }

  /** Write, maintain or admin (GitHub's legacy `permission` maps maintain to write, triage to read). */
  async hasWriteAccess(user: string): Promise<Lookup<boolean>> {
    const { owner, repo } = this.client;
    return lookup(async () => {
      try {
        const data = await this.client.rest(
          `GET /repos/${owner}/${repo}/collaborators/${user}/permission`,
          () =>
            this.client.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: user }),
          PERMISSION,
        );
        return data.permission === 'admin' || data.permission === 'write';
      } catch (error) {
        // Not a collaborator (or no such user): no write access.
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  async isTeamMember(team: string, user: string): Promise<Lookup<boolean>> {
    const [org, slug] = splitTeam(team);
    if (!this.ownOrganization(org)) return { kind: 'ok', value: false };
    return lookup(async () => {
      try {
        const data = await this.client.rest(
          `GET /orgs/${org}/teams/${slug}/memberships/${user}`,
          () =>
            this.client.octokit.rest.teams.getMembershipForUserInOrg({
              org,
              team_slug: slug,
              username: user,
            }),
          MEMBERSHIP,
        );
        // A pending invitation is not membership.
        return data.state === 'active';
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  /**
   * GitHub's "List team members": the active members, a child team's included (GitHub's word), an
   * invitation not yet accepted not — as the membership lookups count them. At most `MAX_PAGES` pages:
   * a larger team is not counted (the gate then claims nothing about what it can give).
   */
  async teamMembers(team: string): Promise<Lookup<TeamMember[]>> {
    const [org, slug] = splitTeam(team);
    if (!this.ownOrganization(org)) return { kind: 'ok', value: [] };
    return lookup(async () => {
      const members: TeamMember[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const data = await this.client.rest(
          `GET /orgs/${org}/teams/${slug}/members`,
          () =>
            this.client.octokit.rest.teams.listMembersInOrg({ org, team_slug: slug, per_page: 100, page }),
          MEMBERS,
        );
        for (const m of data)
          members.push(m.id === undefined ? { login: m.login } : { login: m.login, id: m.id });
        if (data.length < 100) return members;
      }
      throw new Error(`the team has more than ${MAX_PAGES * 100} members`);
    });
  }

  /**
   * GitHub's "Check team permissions for a repository", asked with the repository's media type: 200
   * with what the team's role (its own, or a parent team's) lets it do, 404 when it has no access or
   * does not exist — one answer, as CODEOWNERS takes a team, which it counts only with write access.
   * Needs the `members: read` the membership lookups need already.
   */
  async teamAccess(team: string): Promise<Lookup<TeamAccess>> {
    const [org, slug] = splitTeam(team);
    if (!this.ownOrganization(org)) return { kind: 'ok', value: 'none' };
    const { owner, repo } = this.client;
    return lookup(async () => {
      try {
        const { permissions } = await this.client.rest(
          `GET /orgs/${org}/teams/${slug}/repos/${owner}/${repo}`,
          () =>
            this.client.octokit.rest.teams.checkPermissionsForRepoInOrg({
              org,
              team_slug: slug,
              owner,
              repo,
              headers: { accept: REPOSITORY_MEDIA_TYPE },
            }),
          TEAM_REPOSITORY,
        );
        if (!(permissions.push || permissions.maintain === true || permissions.admin)) return 'read-only';
        return (await this.isSecret(org, slug)) ? 'secret' : 'write';
      } catch (error) {
        if (isNotFound(error)) return 'none';
        throw error;
      }
    });
  }

  /**
   * Whether GitHub keeps the team secret: CODEOWNERS ignores a team that is not visible, and so does
   * the gate. The repository's answer above does not say, so a team that can write costs this one
   * request more (one per distinct team and evaluation); a failure fails the lookup (closed).
   */
  private async isSecret(org: string, slug: string): Promise<boolean> {
    const { privacy } = await this.client.rest(
      `GET /orgs/${org}/teams/${slug}`,
      () => this.client.octokit.rest.teams.getByName({ org, team_slug: slug }),
      TEAM,
    );
    return privacy !== 'closed';
  }

  /**
   * Whether `org` owns this repository. An installation's token shows the teams of its own account
   * only: GitHub answers for another organization's team with a 404 or a 403 that says nothing about
   * the team, so such a team is answered here, without asking, as one nobody can approve for (the
   * gate says why: gate-problems.ts).
   */
  private ownOrganization(org: string): boolean {
    return org.toLowerCase() === this.client.owner.toLowerCase();
  }

  /** Blob SHAs of the scope's files at `sha`, from one recursive tree listing. */
  async blueprintFingerprint(sha: string, scope: BlueprintScope): Promise<Lookup<string>> {
    return lookup(async () => {
      const files = (await this.trees(sha)).flatMap((item) =>
        item.type === 'blob' ? [{ path: item.path, contentId: `${item.mode}:${item.sha}` }] : [],
      );
      return fingerprintOf(files, scope);
    });
  }

  /**
   * Reviewers and teams the app itself requested on this PR before (from the PR's events), and when
   * it last asked each user (an approver whose approval was invalidated since is asked again).
   */
  async requestedBy(appLogin: string): Promise<Lookup<AppRequests>> {
    return lookup(async () => appRequestsIn(await this.issueEvents(), appLogin, this.client.owner));
  }

  private issueEvents(): Promise<IssueEvent[]> {
    this.events ??= readIssueEvents(this.client, this.pr.number);
    return this.events;
  }
}

/** Whether `push` was made by `person` (the same login, or the same account renamed since). */
function isPusher(person: Pusher, push: Push): boolean {
  return (
    normalizeLogin(person.login) === normalizeLogin(push.by) ||
    (person.id !== undefined && person.id === push.id)
  );
}

function splitTeam(team: string): [string, string] {
  const name = team.replace(/^@/, '');
  const slash = name.indexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}

async function lookup<T>(run: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { kind: 'ok', value: await run() };
  } catch (error) {
    return {
      kind: 'error',
      reason: error instanceof Error ? error.message : String(error),
      transient: isTransient(error),
    };
  }
}
