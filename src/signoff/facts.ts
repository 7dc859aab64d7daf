/**
 * The pull request as the gate sees it, behind a small port: the GitHub adapter implements it with the
 * REST API, the CLI with a reviews file and git, tests with `InMemoryPullRequestFacts`. Every lookup
 * returns a `Lookup` (failures are data); the gate also guards against a port that throws.
 */
import type { BlueprintScope, CommitFacts, Lookup, Pusher, Review, TeamAccess, TeamMember } from './types.js';
import { normalizeLogin } from './types.js';

/** What the gate tells `pushers`: from the BASE branch's config and the blueprint being judged. */
export interface PushersContext {
  /**
   * The blueprint's files: a push by an account that pushes for whoever asks, that left each of them
   * as before it or as on the base branch, hides nobody (push-trace.ts `TraceOptions.addsNothing`).
   */
  scope: BlueprintScope;
  /** Further accounts that push for whoever asks (`signoff.steerableAccounts`). */
  steerable: readonly string[];
  /**
   * People whose standing as a pusher decides something (they approved, or dismissed a review): a
   * push of theirs that added nothing of its own is asked about, and makes them no pusher.
   */
  reviewers?: readonly Pusher[];
}

/** Who pushed (`pushers`), and the pushes of people that made them no pusher. */
export interface KnownPushers {
  pushers: Pusher[];
  /**
   * Commits a person made the head with a push that added nothing of its own (GitHub's "Update
   * branch" button pushes as whoever clicked it): that person is no contributor by authoring or
   * committing that commit (GitHub names them its author), only by the pull request's other commits.
   */
  passedThrough: PassedThrough[];
}

/** A label taken off the pull request, and by whom as GitHub's `unlabeled` event names them. */
export interface LabelRemoval {
  label: string;
  by: string | undefined;
  byId?: number;
  byBot?: boolean;
}

export interface PassedThrough {
  commit: string;
  login: string;
}

export interface PullRequestFacts {
  readonly author: string;
  readonly headSha: string;
  readonly labels: readonly string[];
  commits(): Promise<Lookup<CommitFacts[]>>;
  /** Who is known to have pushed to the PR's branch (beyond commit authors and committers). */
  pushers(context?: PushersContext): Promise<Lookup<KnownPushers>>;
  reviews(): Promise<Lookup<Review[]>>;
  /**
   * When the pull request's base branch was last changed (GitHub's `base_ref_changed` event: "Edit"
   * on the base, or GitHub retargeting it when its base branch was merged and deleted), or undefined
   * when it never was. An approval given before it judged the change against another base.
   */
  retargetedAt(): Promise<Lookup<string | undefined>>;
  /**
   * Labels the pull request no longer carries, each as last taken off (a later `labeled` puts it back):
   * who took it off decides whether a rule that names it stops applying (labels.ts).
   */
  labelRemovals(): Promise<Lookup<LabelRemoval[]>>;
  /**
   * Whether `user` has write (or higher) permission on the repository, checked now: as in GitHub's
   * own required reviews, an approval from someone who cannot write does not count.
   */
  hasWriteAccess(user: string): Promise<Lookup<boolean>>;
  /** Active membership of `user` in `org/team`, checked now (never cached across evaluations). */
  isTeamMember(team: string, user: string): Promise<Lookup<boolean>>;
  /**
   * The active members of `org/team` (a child team's members included, an invitation not yet accepted
   * not), checked now. Asked only of a team in a group still short of approvals: whether the group can
   * reach its count at all (capacity.ts).
   */
  teamMembers(team: string): Promise<Lookup<TeamMember[]>>;
  /**
   * What `org/team` may do on the repository (its own role or one inherited from a parent team),
   * checked now. `none` also for a team that does not exist: as CODEOWNERS takes it, only a team that
   * can write to the repository counts, so a new team that took a renamed team's old name (slug) is
   * none, and a team given read or triage only is no owner.
   */
  teamAccess(team: string): Promise<Lookup<TeamAccess>>;
  /**
   * An opaque value equal for two commits exactly when their blueprint files (the scope) are
   * byte-identical. Build it with `fingerprintOf`.
   */
  blueprintFingerprint(sha: string, scope: BlueprintScope): Promise<Lookup<string>>;
}

/** Whether a repository path belongs to the blueprint scope. */
export function inScope(path: string, scope: BlueprintScope): boolean {
  return (
    scope.files.includes(path) ||
    scope.folders.some((folder) => folder === '' || path === folder || path.startsWith(folder + '/'))
  );
}

/**
 * Fingerprint of a snapshot given each in-scope file's content id (a git blob SHA, or the text
 * itself): sorted `path → id` lines, so equal strings mean byte-identical blueprint files.
 */
export function fingerprintOf(
  files: Iterable<{ path: string; contentId: string }>,
  scope: BlueprintScope,
): string {
  const lines = [...files]
    .filter((f) => inScope(f.path, scope))
    .map((f) => `${f.path}\u0000${f.contentId}`)
    .sort();
  return lines.join('\n');
}

export interface InMemoryFacts {
  author: string;
  headSha: string;
  labels?: string[];
  commits?: CommitFacts[];
  /** Who pushed: a login, or a login with the account's id (which outlives a rename of the login). */
  pushers?: (string | Pusher)[];
  /** Commits a person made the head adding nothing of their own (`KnownPushers.passedThrough`). */
  passedThrough?: PassedThrough[];
  reviews?: Review[];
  /** When the base branch was last changed (ISO time); absent: never. */
  retargetedAt?: string;
  /** Labels taken off the pull request, and by whom; absent: none. */
  labelRemovals?: LabelRemoval[];
  /** `org/team` → member logins: a team here can write to the repository; one absent has no access. */
  teams?: Record<string, string[]>;
  /** Logins with write access to the repository; absent: everyone has it (tests of other invariants). */
  writers?: string[];
  /** `org/team` → reason: membership lookups of this team fail as GitHub not answering (a 5xx, say). */
  failingTeams?: Record<string, string>;
  /** Commit SHA → snapshot (path → content): fingerprints are computed from these. */
  snapshots?: Record<string, Record<string, string>>;
}

/** The port over plain data: tests, and the CLI's `--reviews`/`--teams` files. */
export class InMemoryPullRequestFacts implements PullRequestFacts {
  readonly author: string;
  readonly headSha: string;
  readonly labels: readonly string[];
  /** Every lookup made, in order: tests assert what the gate asked. */
  readonly calls: string[] = [];
  private readonly teams: Map<string, Set<string>>;

  constructor(private readonly data: InMemoryFacts) {
    this.author = data.author;
    this.headSha = data.headSha;
    this.labels = data.labels ?? [];
    this.teams = new Map(
      Object.entries(data.teams ?? {}).map(([team, members]) => [
        team.toLowerCase(),
        new Set(members.map(normalizeLogin)),
      ]),
    );
  }

  async commits(): Promise<Lookup<CommitFacts[]>> {
    return { kind: 'ok', value: this.data.commits ?? [] };
  }

  async pushers(): Promise<Lookup<KnownPushers>> {
    return {
      kind: 'ok',
      value: {
        pushers: (this.data.pushers ?? []).map((pusher) =>
          typeof pusher === 'string' ? { login: pusher } : pusher,
        ),
        passedThrough: this.data.passedThrough ?? [],
      },
    };
  }

  async reviews(): Promise<Lookup<Review[]>> {
    return { kind: 'ok', value: this.data.reviews ?? [] };
  }

  async retargetedAt(): Promise<Lookup<string | undefined>> {
    return { kind: 'ok', value: this.data.retargetedAt };
  }

  async labelRemovals(): Promise<Lookup<LabelRemoval[]>> {
    return { kind: 'ok', value: this.data.labelRemovals ?? [] };
  }

  async hasWriteAccess(user: string): Promise<Lookup<boolean>> {
    this.calls.push(`write ${user}`);
    if (!this.data.writers) return { kind: 'ok', value: true };
    return { kind: 'ok', value: this.data.writers.some((w) => normalizeLogin(w) === normalizeLogin(user)) };
  }

  async isTeamMember(team: string, user: string): Promise<Lookup<boolean>> {
    this.calls.push(`member ${team} ${user}`);
    const failure = this.failure(team);
    if (failure) return { kind: 'error', reason: failure, transient: true };
    return { kind: 'ok', value: this.teams.get(team.toLowerCase())?.has(normalizeLogin(user)) ?? false };
  }

  async teamMembers(team: string): Promise<Lookup<TeamMember[]>> {
    this.calls.push(`members ${team}`);
    const failure = this.failure(team);
    if (failure) return { kind: 'error', reason: failure, transient: true };
    return { kind: 'ok', value: [...(this.teams.get(team.toLowerCase()) ?? [])].map((login) => ({ login })) };
  }

  async teamAccess(team: string): Promise<Lookup<TeamAccess>> {
    this.calls.push(`team access ${team}`);
    const failure = this.failure(team);
    if (failure) return { kind: 'error', reason: failure, transient: true };
    // A team the data lists is one the repository was given to write; any other is no owner.
    return { kind: 'ok', value: this.teams.has(team.toLowerCase()) ? 'write' : 'none' };
  }

  async blueprintFingerprint(sha: string, scope: BlueprintScope): Promise<Lookup<string>> {
    this.calls.push(`fingerprint ${sha}`);
    const snapshot = this.data.snapshots?.[sha];
    if (!snapshot) return { kind: 'error', reason: `commit ${sha.slice(0, 7)} is unknown` };
    return {
      kind: 'ok',
      value: fingerprintOf(
        Object.entries(snapshot).map(([path, text]) => ({ path, contentId: text })),
        scope,
      ),
    };
  }

  private failure(team: string): string | undefined {
    const entry = Object.entries(this.data.failingTeams ?? {}).find(
      ([t]) => t.toLowerCase() === team.toLowerCase(),
    );
    return entry?.[1];
  }
}
