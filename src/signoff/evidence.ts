/**
 * The asynchronous half of an evaluation: ask the port everything the pure evaluation needs, once,
 * at evaluation time (membership is never remembered between evaluations). A lookup that throws is
 * recorded as a failed lookup, so the evaluation fails closed instead of crashing.
 */
import type { PullRequestFacts } from './facts.js';
import type { ApproverGroup, RulePlan } from './plan.js';
import { blockingPosition, contributorRole } from './reviews.js';
import type { BlueprintScope, Lookup, Review, TeamAccess, TeamMember } from './types.js';
import { isBotAccount, isBotReview, normalizeLogin } from './types.js';

export interface Evidence {
  /** Keyed by `membershipKey(team, user)`. */
  membership: Map<string, Lookup<boolean>>;
  /** Keyed by team (`normalizeLogin`): what it may do on the repository. */
  teamRepoAccess: Map<string, Lookup<TeamAccess>>;
  /**
   * Write access to the repository of each approving reviewer, and of each user named by a group still
   * short of approvals (`gatherCapacityEvidence`).
   */
  writeAccess: Map<string, Lookup<boolean>>;
  /** Keyed by team (`normalizeLogin`): its active members, for a group still short of approvals. */
  teamMembers: Map<string, Lookup<TeamMember[]>>;
  fingerprints: Map<string, Lookup<string>>;
}

const CONCURRENCY = 4;

/** What `team` may do on the repository, as looked up (undefined: not looked up). */
export function teamAccessOf(evidence: Evidence, team: string): Lookup<TeamAccess> | undefined {
  return evidence.teamRepoAccess.get(normalizeLogin(team));
}

/**
 * Whether `team` can own content here: it can write to the repository, as GitHub's CODEOWNERS
 * requires of a team (undefined: not looked up).
 */
export function teamCanOwn(evidence: Evidence, team: string): Lookup<boolean> | undefined {
  const access = teamAccessOf(evidence, team);
  return access?.kind === 'ok' ? { kind: 'ok', value: access.value === 'write' } : access;
}

export function membershipKey(team: string, user: string): string {
  return `${team.toLowerCase()}\u0000${user.toLowerCase()}`;
}

export async function gatherEvidence(
  facts: PullRequestFacts,
  plans: readonly RulePlan[],
  reviews: ReadonlyMap<string, Review>,
  extraTeams: readonly string[],
  scope: BlueprintScope,
): Promise<Evidence> {
  const evidence: Evidence = {
    membership: new Map(),
    teamRepoAccess: new Map(),
    writeAccess: new Map(),
    teamMembers: new Map(),
    fingerprints: new Map(),
  };
  const ask = { facts, reviews, evidence };
  await runLimited(
    [
      ...teamLookups(ask, teamsToCheck(plans, extraTeams)),
      ...writeAccessLookups(ask),
      ...fingerprintLookups(ask, scope),
    ],
    CONCURRENCY,
  );
  return evidence;
}

/**
 * What tells whether groups still short of approvals can reach their count at all (capacity.ts): the
 * members of each team they name that can own content here, and the write access of each user they
 * name who did not write or push the change. Asked only after the evaluation found them short, so a
 * pull request whose approvals are all in costs nothing more.
 */
export async function gatherCapacityEvidence(
  facts: PullRequestFacts,
  groups: readonly ApproverGroup[],
  contributors: ReadonlyMap<string, string>,
  evidence: Evidence,
): Promise<void> {
  const teams = new Set<string>();
  const users = new Set<string>();
  for (const group of groups)
    for (const a of group.approvers) {
      if (a.kind === 'team') {
        const access = teamCanOwn(evidence, a.team);
        if (access?.kind === 'ok' && access.value) teams.add(a.team);
      } else if (!evidence.writeAccess.has(a.login) && !isBotAccount(a.login, undefined))
        if (contributorRole(contributors, a.login, undefined) === undefined) users.add(a.login);
    }
  const tasks: Task[] = [
    ...[...teams].sort().map((team) => async () => {
      evidence.teamMembers.set(team, await attempt(() => facts.teamMembers(team)));
    }),
    ...[...users].sort().map((user) => async () => {
      evidence.writeAccess.set(user, await attempt(() => facts.hasWriteAccess(user)));
    }),
  ];
  await runLimited(tasks, CONCURRENCY);
}

/** What every lookup reads (the port and the reviews) and where it writes its answer. */
interface Asking {
  facts: PullRequestFacts;
  reviews: ReadonlyMap<string, Review>;
  evidence: Evidence;
}

type Task = () => Promise<void>;

/** The teams the config names and those the applicable rules' groups hold, lower-cased, without `@`. */
function teamsToCheck(plans: readonly RulePlan[], extraTeams: readonly string[]): string[] {
  const teams = new Set(extraTeams.map(normalizeLogin));
  for (const plan of plans)
    for (const group of plan.groups)
      for (const a of group.approvers) if (a.kind === 'team') teams.add(a.team);
  return [...teams].sort();
}

/** What each team may do on the repository, and whether each reviewer is its member. */
function teamLookups({ facts, reviews, evidence }: Asking, teams: readonly string[]): Task[] {
  const tasks: Task[] = [];
  for (const team of teams) {
    tasks.push(async () => {
      evidence.teamRepoAccess.set(team, await attempt(() => facts.teamAccess(team)));
    });
    // A bot is never a team's member for the gate (qualification.ts): nothing to ask.
    for (const user of [...reviews.keys()].sort()) {
      if (isBotReview(reviews.get(user)!)) continue;
      tasks.push(async () => {
        evidence.membership.set(
          membershipKey(team, user),
          await attempt(() => facts.isTeamMember(team, user)),
        );
      });
    }
  }
  return tasks;
}

/**
 * The write access of each reviewer who approves or may block (blockers.ts): only someone who can
 * write approves, and so only they block.
 */
function writeAccessLookups({ facts, reviews, evidence }: Asking): Task[] {
  const tasks: Task[] = [];
  for (const [user, review] of [...reviews].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // A bot's write access is not a collaborator permission (approvals.ts): nothing to ask.
    if ((review.state !== 'APPROVED' && !blockingPosition(review)) || isBotReview(review)) continue;
    tasks.push(async () => {
      evidence.writeAccess.set(user, await attempt(() => facts.hasWriteAccess(user)));
    });
  }
  return tasks;
}

/** The blueprint fingerprint of the head and of every commit an approval was given on. */
function fingerprintLookups({ facts, reviews, evidence }: Asking, scope: BlueprintScope): Task[] {
  const shas = new Set([facts.headSha]);
  for (const review of reviews.values())
    if (review.state === 'APPROVED' && review.commitId) shas.add(review.commitId);
  return [...shas].sort().map((sha) => async () => {
    evidence.fingerprints.set(sha, await attempt(() => facts.blueprintFingerprint(sha, scope)));
  });
}

/** Calls the port, turning a thrown error into a failed lookup. */
export async function attempt<T>(call: () => Promise<Lookup<T>>): Promise<Lookup<T>> {
  try {
    return await call();
  } catch (error) {
    return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function runLimited(tasks: Task[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
