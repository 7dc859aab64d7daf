/**
 * The pull request's facts for `blueprint-review signoff`, from local files instead of GitHub: the
 * reviews file (author, labels, pushers, writers, commits, reviews, issue events), the teams file, and
 * blueprint fingerprints from the local git history. A fact the files do not give is a failed lookup,
 * so the gate treats it as GitHub's silence: not approved. What the app derives from GitHub's answers
 * (a dismissal's review and dismisser, a label's remover, a retarget's time) is derived here from the
 * same answers by the same code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GitFileSource, resolveCommit } from '../adapters/git-file-source.js';
import { InMemoryPullRequestFacts, fingerprintOf } from '../signoff/facts.js';
import type { InMemoryFacts, KnownPushers, LabelRemoval } from '../signoff/facts.js';
import type {
  BlueprintScope,
  CommitFacts,
  Lookup,
  Pusher,
  Review,
  TeamAccess,
  TeamMember,
} from '../signoff/types.js';
import { REVIEW_STATES, reviewStateOf } from '../signoff/types.js';
import { isAccountId } from '../signoff/pushes.js';
import { quoted } from '../core/inert-text.js';
import { UsageError } from './io.js';
import { eventFactsOf } from './signoff-events.js';
import { wholeList } from './signoff-pages.js';

export interface FactsFiles {
  /** The reviews file (`--reviews`). */
  reviews: string;
  /** The teams file (`--teams`); without it, membership is unknown. */
  teams?: string | undefined;
  /** `--author`, else the reviews file's `author`. */
  author?: string | undefined;
}

/** The facts for the pull request whose head is `headSha`, read from the files the options name. */
export async function localPullRequestFacts(
  root: string,
  cwd: string,
  files: FactsFiles,
  headSha: string,
): Promise<LocalPullRequestFacts> {
  const reviewsFile = path.resolve(cwd, files.reviews);
  const pr = readPullRequestFile(reviewsFile);
  const author = files.author ?? pr.author;
  if (!author)
    throw new UsageError('the PR author is unknown: pass --author or put "author" in the reviews file');
  const teams = files.teams ? readTeamsFile(path.resolve(cwd, files.teams)) : undefined;
  const reviews = await Promise.all(
    pr.reviews.map(async (r) => ({
      ...r,
      commitId: r.commitId && (await resolveOrKeep(root, r.commitId)),
    })),
  );
  const events = eventFactsOf(pr.events, reviews, pr.retargetedAt, reviewsFile);
  return new LocalPullRequestFacts(
    root,
    {
      author,
      headSha,
      labels: pr.labels,
      ...(pr.pushers ? { pushers: pr.pushers } : {}),
      ...(pr.writers ? { writers: pr.writers } : {}),
      ...(pr.commits ? { commits: pr.commits } : {}),
      reviews: events.reviews,
      ...(events.retargetedAt ? { retargetedAt: events.retargetedAt } : {}),
      ...(events.labelRemovals ? { labelRemovals: events.labelRemovals } : {}),
      teams: teams ?? {},
    },
    { teams: teams !== undefined, events: events.given },
  );
}

/** Reviews and team membership from files; fingerprints from the local git history. */
export class LocalPullRequestFacts extends InMemoryPullRequestFacts {
  constructor(
    private readonly root: string,
    data: InMemoryFacts,
    files: { teams: boolean; events: boolean },
  ) {
    super(data);
    this.noTeamsFile = !files.teams;
    this.given = {
      writers: data.writers !== undefined,
      pushers: data.pushers !== undefined,
      commits: data.commits !== undefined,
      events: files.events,
    };
  }

  private readonly noTeamsFile: boolean;

  /**
   * Which lists the reviews file gave. One it leaves out is unknown, not empty: taken as empty, a
   * missing `pushers` or `commits` would let whoever pushed or committed approve their own change,
   * and missing `events`, a label its author took off would lift the rule that names it.
   */
  private readonly given: Record<'writers' | 'pushers' | 'commits' | 'events', boolean>;

  override async reviews(): Promise<Lookup<Review[]>> {
    const read = await super.reviews();
    if (read.kind !== 'ok' || this.given.events) return read;
    const dismissed = read.value.filter((r) => r.state === 'DISMISSED');
    if (dismissed.length === 0) return read;
    // A dismissed review is an approval that no longer counts or a change request that may no longer
    // block: only the events say which, and who dismissed it.
    const which = dismissed.map((r) => `review ${r.id} (@${r.user})`).join(', ');
    return {
      kind: 'error',
      reason: `${which} ${dismissed.length === 1 ? 'was' : 'were'} dismissed, and the reviews file lists no ${quoted('events')} to say what each was and who dismissed it (give GitHub's answer for repos/OWNER/REPO/issues/NUMBER/events)`,
    };
  }

  /** Asked only when a rule names a label (gate.ts). */
  override async labelRemovals(): Promise<Lookup<LabelRemoval[]>> {
    if (!this.given.events) return notGiven('events');
    return super.labelRemovals();
  }

  override async commits(): Promise<Lookup<CommitFacts[]>> {
    if (!this.given.commits) return notGiven('commits');
    return super.commits();
  }

  override async pushers(): Promise<Lookup<KnownPushers>> {
    if (!this.given.pushers) return notGiven('pushers');
    return super.pushers();
  }

  override async isTeamMember(team: string, user: string): Promise<Lookup<boolean>> {
    if (this.noTeamsFile) return { kind: 'error', reason: 'no --teams file was given' };
    return super.isTeamMember(team, user);
  }

  override async teamMembers(team: string): Promise<Lookup<TeamMember[]>> {
    if (this.noTeamsFile) return { kind: 'error', reason: 'no --teams file was given' };
    return super.teamMembers(team);
  }

  override async hasWriteAccess(user: string): Promise<Lookup<boolean>> {
    if (!this.given.writers) return notGiven('writers');
    return super.hasWriteAccess(user);
  }

  /**
   * Offline there is no asking GitHub what each team may do on the repository: a team the teams file
   * lists is taken to have write access and to be visible, one it leaves out to have none
   * (docs/signoff.md). A team that can only read, or a secret one, belongs out of the file, as it is no
   * owner in the app either.
   */
  override async teamAccess(team: string): Promise<Lookup<TeamAccess>> {
    if (this.noTeamsFile) return { kind: 'error', reason: 'no --teams file was given' };
    return super.teamAccess(team);
  }

  override async blueprintFingerprint(sha: string, scope: BlueprintScope): Promise<Lookup<string>> {
    try {
      const source = await GitFileSource.open(this.root, sha);
      return {
        kind: 'ok',
        value: fingerprintOf(
          source.entries().map((e) => ({ path: e.path, contentId: e.blob })),
          scope,
        ),
      };
    } catch (error) {
      return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** A list the reviews file leaves out: the gate cannot tell, so it approves nothing on it. */
function notGiven(list: 'writers' | 'pushers' | 'commits' | 'events'): Lookup<never> {
  return {
    kind: 'error',
    reason: `the reviews file lists no ${quoted(list)} (give an empty list if there are none)`,
  };
}

interface PullRequestFile {
  author?: string;
  labels: string[];
  pushers: Pusher[] | undefined;
  writers: string[] | undefined;
  commits: CommitFacts[] | undefined;
  reviews: Review[];
  /** When the base branch was last changed, as GitHub's `base_ref_changed` event says. */
  retargetedAt: string | undefined;
  /** GitHub's issue events of the pull request (`issues/N/events`), unread; absent: not given. */
  events: unknown;
}

function readPullRequestFile(file: string): PullRequestFile {
  const value = readJson(file, '--reviews');
  const body = Array.isArray(value) ? { reviews: value } : (value as Record<string, unknown>);
  if (typeof body !== 'object' || body === null || !Array.isArray(body.reviews))
    throw new UsageError(`--reviews ${file}: expected an array of reviews or an object with "reviews"`);
  // GitHub's lists, every page of each (signoff-pages.ts).
  const reviews = wholeList(body.reviews, 'reviews', file) as unknown[];
  const commits = wholeList(body.commits, 'commits', file);
  return {
    author: typeof body.author === 'string' ? body.author : undefined,
    labels: strings(body.labels),
    pushers: Array.isArray(body.pushers) ? body.pushers.map((p, i) => pusherOf(p, i, file)) : undefined,
    writers: Array.isArray(body.writers) ? strings(body.writers) : undefined,
    commits: Array.isArray(commits) ? commits.map((c, i) => commitOf(c, i, file)) : undefined,
    reviews: reviews.flatMap((r, i) => (byDeletedAccount(r) ? [] : [reviewOf(r, i, file)])),
    retargetedAt: timeOf(body.retargetedAt, file),
    events: wholeList(body.events, 'events', file),
  };
}

/** `retargetedAt`: an ISO time, or absent (the base was never changed). */
function timeOf(value: unknown, file: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--reviews ${file}: "retargetedAt" must be a time like 2026-01-31T10:00:00Z`);
  return value;
}

/**
 * A pusher: a login, or GitHub's account shape (`{"login", "id"}`). The id is kept as the app keeps
 * it: a pusher who renamed their account since is still known by it when they approve. An entry that
 * names nobody is refused, not skipped: skipped, its pusher could approve.
 */
function pusherOf(value: unknown, index: number, file: string): Pusher {
  if (typeof value === 'string') return { login: value };
  const p = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof p.login !== 'string')
    throw new UsageError(`--reviews ${file}: pusher ${index} must be a login or {"login", "id"}`);
  return { login: p.login, ...(isAccountId(p.id) ? { id: p.id } : {}) };
}

/**
 * The reviewer as GitHub's reviews answer names them (`user: {login, id, type}`), or a bare login. The
 * account's id and GitHub's `type: Bot` are kept, as the app keeps them from the same answer: one set
 * of facts gives one verdict at every door.
 */
function reviewerOf(user: unknown): Pick<Review, 'user' | 'userId' | 'bot'> | undefined {
  if (typeof user === 'string') return { user };
  const u = (typeof user === 'object' && user !== null ? user : {}) as Record<string, unknown>;
  if (typeof u.login !== 'string') return undefined;
  return {
    user: u.login,
    ...(isAccountId(u.id) ? { userId: u.id } : {}),
    ...(u.type === 'Bot' ? { bot: true } : {}),
  };
}

/**
 * A review whose `user` is null: GitHub's answer for an account deleted since. Read as the app reads
 * it, it counts for nothing: no account that no longer exists can write to the repository, so its
 * approval would not count nor its change request block.
 */
function byDeletedAccount(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).user === null;
}

function reviewOf(value: unknown, index: number, file: string): Review {
  const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const reviewer = reviewerOf(r.user);
  const state = r.state;
  // Refused, not skipped: a review the gate cannot read may be a change request that blocks. A state
  // that is text but none it knows is read as the app reads GitHub's: it may block (reviews.ts).
  if (!reviewer || typeof state !== 'string')
    throw new UsageError(
      `--reviews ${file}: review ${index} needs "user" and a "state" (GitHub's: ${REVIEW_STATES.join(', ')})`,
    );
  const commitId = r.commitId ?? r.commit_id;
  const submittedAt = r.submittedAt ?? r.submitted_at;
  return {
    id: typeof r.id === 'number' ? r.id : index + 1,
    ...reviewer,
    ...reviewStateOf(state),
    commitId: typeof commitId === 'string' ? commitId : null,
    submittedAt: typeof submittedAt === 'string' ? submittedAt : new Date(index * 1000).toISOString(),
  };
}

/**
 * A commit: its `sha`, and its author and committer as logins or GitHub's account shape (`{"login"}`,
 * as `gh api repos/o/r/pulls/7/commits` prints them; `null` where GitHub knows no account). An entry
 * it cannot read is refused, not skipped: skipped, its author could approve.
 */
function commitOf(value: unknown, index: number, file: string): CommitFacts {
  const c = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const author = accountOf(c.author);
  const committer = accountOf(c.committer);
  if (typeof c.sha !== 'string' || author === false || committer === false)
    throw new UsageError(
      `--reviews ${file}: commit ${index} needs a "sha", and its "author" and "committer" as logins, {"login"} or null`,
    );
  return { sha: c.sha, author, committer };
}

/** A login, GitHub's `{"login"}`, or nobody (absent or null); `false` for anything else. */
function accountOf(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const login = typeof value === 'object' ? (value as Record<string, unknown>).login : undefined;
  return typeof login === 'string' ? login : false;
}

function readTeamsFile(file: string): Record<string, string[]> {
  const value = readJson(file, '--teams');
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--teams ${file}: expected {"org/team": ["login", ...]}`);
  const out: Record<string, string[]> = {};
  for (const [team, members] of Object.entries(value)) {
    if (!team.includes('/') || !Array.isArray(members))
      throw new UsageError(`--teams ${file}: "${team}" must be "org/team" with an array of logins`);
    Object.defineProperty(out, team, { value: strings(members), enumerable: true });
  }
  return out;
}

function readJson(file: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${flag} ${file}: cannot read the file`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${flag} ${file}: not JSON (${(error as Error).message})`);
  }
}

/** A review's commit may be written as a ref (`HEAD~1`) when debugging; full SHAs pass through. */
async function resolveOrKeep(root: string, commit: string): Promise<string> {
  if (/^[0-9a-f]{40}$/i.test(commit)) return commit.toLowerCase();
  try {
    return await resolveCommit(root, commit);
  } catch {
    return commit;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}
