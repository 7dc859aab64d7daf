/**
 * Vocabulary of the sign-off gate: what changed, who may approve it, and the evidence a pull request
 * offers. Everything here is plain data so the app, the CLI and the tests can build it and compare it.
 */
import type { ContractStatus } from '../model/types.js';

/** Categories a rule's `when.categories` can name. A change carries every category that fits it. */
export const CHANGE_CATEGORIES = [
  'contract',
  'breaking',
  'security',
  'topology',
  'ownership',
  'addition',
  'removal',
  'error-handling',
  'decision',
  'requirements',
  'config',
  'other',
] as const;
export type ChangeCategory = (typeof CHANGE_CATEGORIES)[number];

export type SubjectKind =
  | 'blueprint'
  | 'system'
  | 'component'
  | 'contract'
  /** Consumers a contract under change control loses (released-consumers.ts). */
  | 'contract-consumers'
  | 'flow'
  | 'requirement'
  | 'security-policy'
  | 'error-handling-policy'
  | 'adr'
  | 'config'
  | 'file';

export interface Subject {
  kind: SubjectKind;
  /** Element id (or repository path for files, ADRs and the config). */
  id: string;
  /** Root folder of the blueprint the element belongs to ('' for the repository root). */
  blueprint?: string;
}

/** Whose approval an owner-based requirement asks for (one derivation with the review's owners). */
import type { OwnerRef as ReviewOwnerRef } from '../review/types.js';
export interface OwnerRef extends ReviewOwnerRef {
  /** Where only one side of the base branch names the owner (current-owners.ts); absent: both, or the merge base alone knows the element. */
  namedBy?: OwnerReading;
}

/**
 * Which commit of the base branch names an owner, where the merge base and the branch's tip differ
 * (current-owners.ts). `tip`: named by the tip and not the merge base — a rule that lets any one owner
 * approve asks one of the tip's owners too, or an old merge base would pick who approves. `merge-base`:
 * named by the merge base and not by the tip, which names `replacedBy` for the same thing instead (none:
 * the tip dropped it, a consumer no longer consuming, say) — updating the pull request's branch from its
 * base stops asking it, which is the fix when it cannot approve (gate-problems.ts).
 */
export type OwnerReading = { kind: 'tip' } | { kind: 'merge-base'; replacedBy: string[] };

/** Change control of a breaking change to a contract that is `finalized` at the base. */
export type ChangeRecordStatus =
  | { kind: 'ok'; path: string }
  /** `removal`: the contract is removed, so the link can only be its base entry's. */
  | { kind: 'not-linked'; removal: boolean }
  | { kind: 'unsafe-path'; changeRecord: string; reason: string }
  | { kind: 'not-in-pr'; path: string };

export interface Change {
  /** Stable key, e.g. `contract:blueprints/orders#orders-api`. */
  key: string;
  subject: Subject;
  categories: ChangeCategory[];
  breaking: boolean;
  /** One line in plain words: `contract orders-api has a breaking change`. */
  summary: string;
  /** Further lines (the diff's plain-words changes), at most a handful. */
  details: string[];
  /** Repository paths involved; `when.paths` globs match these. */
  paths: string[];
  /** Status of the contract at the base (a PR cannot escape change control by editing it). */
  contractStatus?: ContractStatus;
  owners: {
    contract?: OwnerRef[];
    consumers?: OwnerRef[];
    systems?: OwnerRef[];
  };
  changeRecord?: ChangeRecordStatus;
}

/** What a pull request changes, as the sign-off gate sees it. */
export interface ChangeSet {
  changes: Change[];
  /** Set when the change set could not be fully derived (the gate then fails closed). */
  problems: string[];
}

/** A person or team who can approve. Logins and slugs compare case-insensitively. */
export type Approver = { kind: 'team'; team: string } | { kind: 'user'; login: string };

/** The states GitHub gives a pull request review (its REST answers, upper case). */
export const REVIEW_STATES = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'] as const;

export type ReviewState = (typeof REVIEW_STATES)[number];

export function isReviewState(value: unknown): value is ReviewState {
  return (REVIEW_STATES as readonly unknown[]).includes(value);
}

/**
 * A review's state as the gate reads it: one of GitHub's it knows, or `UNRECOGNIZED` — one GitHub gave
 * that it does not know (GitHub may add one), kept in `Review.unrecognizedState`. Such a review may
 * block (fail closed): it is never skipped.
 */
export type ReviewStateRead = ReviewState | 'UNRECOGNIZED';

/** A review's fields for GitHub's `state`: a known state, or `UNRECOGNIZED` with the state as given. */
export function reviewStateOf(state: string): Pick<Review, 'state' | 'unrecognizedState'> {
  // GitHub's REST answers spell states in capitals, its webhook payloads in lower case (`approved`):
  // one state either way, never an unknown one that asks an approver to approve again.
  const known = state.toUpperCase();
  return isReviewState(known) ? { state: known } : { state: 'UNRECOGNIZED', unrecognizedState: state };
}

export interface Review {
  id: number;
  user: string;
  /** GitHub's id of the reviewer's account, when given: it outlives a rename of the login. */
  userId?: number;
  state: ReviewStateRead;
  /** GitHub's state as given, where the gate does not know it (`state` is then `UNRECOGNIZED`). */
  unrecognizedState?: string;
  /** The commit the review was given on; null when GitHub no longer knows it. */
  commitId: string | null;
  submittedAt: string;
  /**
   * A dismissed review (`state` DISMISSED): what it had been and who dismissed it, from the pull
   * request's `review_dismissed` event. Absent when no such event was found: unknown.
   */
  dismissal?: { was: ReviewState; by: string | undefined; byBot?: boolean; byId?: number };
  /** Set on a dismissed review that still stands (reviews.ts): how it stands, and why. */
  standsDismissed?: DismissalDisregarded;
  /** GitHub says the reviewer is a bot account (`type: Bot`), not a person. */
  bot?: boolean;
}

/**
 * A dismissed review that still stands, and why. `change-request`: it was a change request and its
 * dismissal does not count (the change's own side or a bot dismissed it, or GitHub does not say who).
 * `unexplained`: GitHub does not say what it was, so it may have been a change request — it blocks as
 * one would, and says what is true.
 */
export type DismissalDisregarded =
  { kind: 'change-request'; why: string } | { kind: 'unexplained'; why: string };

/**
 * Whether a review is a bot's: GitHub's own word (`type: Bot`), or a login GitHub gives apps only
 * (`<slug>[bot]`, for the doors that do not say the type). A bot, such as `github-actions[bot]` with a
 * workflow token the pull request's author controls, never stands for a person: it counts only
 * where a rule names its login.
 */
export function isBotReview(review: Pick<Review, 'user' | 'bot'>): boolean {
  return isBotAccount(review.user, review.bot);
}

/** Whether an account is a bot: GitHub says so (`type: Bot`), or its login is one GitHub gives apps only. */
export function isBotAccount(login: string, bot: boolean | undefined): boolean {
  return bot === true || /\[bot\]$/i.test(login);
}

/**
 * Someone who pushed to a pull request: their login as GitHub named them then, and their account's id
 * where it was recorded (a login can be renamed since; the id stays).
 */
export interface Pusher {
  login: string;
  id?: number;
}

/**
 * An active member of a team as GitHub lists it (a child team's members included): their login, and
 * their account's id where given.
 */
export interface TeamMember {
  login: string;
  id?: number;
}

export interface CommitFacts {
  sha: string;
  /** GitHub logins when the commit's emails map to accounts. */
  author?: string;
  committer?: string;
}

/**
 * Result of a lookup that may fail (network, 5xx, rate limit): failures are data, never thrown.
 * `transient` marks a failure that a re-run may not meet again (GitHub did not answer), as opposed to
 * one that needs someone to act.
 */
export type Lookup<T> = { kind: 'ok'; value: T } | { kind: 'error'; reason: string; transient?: boolean };

/**
 * What a team may do on the repository, as its owner for the gate: `write` (push, maintain or admin,
 * and visible: GitHub's CODEOWNERS takes a team as owner only then), `secret` (it can write, but GitHub
 * keeps it secret, and CODEOWNERS ignores a team that is not visible), `read-only` (read or triage), or
 * `none` (no access, or no such team).
 */
export type TeamAccess = 'write' | 'secret' | 'read-only' | 'none';

/** Which files count as "the blueprint" when deciding whether an approval still covers the head. */
export interface BlueprintScope {
  /** Folders whose every file counts (the blueprint roots, at base and head). */
  folders: string[];
  /** Further files (contracts and their `$ref`s outside the roots, the config file). */
  files: string[];
}

/**
 * A login, or an `org/team`, as the gate compares and keys them: without `@`, lower-cased (GitHub
 * ignores case in both).
 */
export function normalizeLogin(login: string): string {
  return login.replace(/^@/, '').toLowerCase();
}

/** An owner as written in a blueprint (`org/team`, `@org/team`, `login`, `@login`). */
export function approverFromOwner(owner: string): Approver {
  const name = owner.replace(/^@/, '');
  return name.includes('/')
    ? { kind: 'team', team: name.toLowerCase() }
    : { kind: 'user', login: name.toLowerCase() };
}

export function approverLabel(approver: Approver): string {
  return approver.kind === 'team' ? `@${approver.team}` : `@${approver.login}`;
}

export function approverKey(approver: Approver): string {
  return approver.kind === 'team' ? `team:${approver.team}` : `user:${approver.login}`;
}
