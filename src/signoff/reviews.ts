/**
 * A reviewer's standing on a pull request: their latest review that takes a position. As in GitHub's
 * own required reviews, only the latest counts: an approval, a change request, or a dismissal (the
 * latest review was dismissed, so the person stands nowhere — an earlier review does not come back).
 * Comments and pending drafts do not change anyone's standing.
 *
 * Unlike GitHub, a dismissed change request still stands when whoever dismissed it wrote or pushed
 * the change (`contributors`), or is a bot, or when who dismissed it is unknown: a change request
 * blocks until its reviewer approves, and the author's side cannot lift it by dismissing it. Such a
 * review reads as a change request whose `standsDismissed` says why, for the check to repeat. A
 * dismissed review GitHub does not say the state of may have been a change request: it stays dismissed,
 * and `standsDismissed` (`unexplained`) makes it block as one (`blockingPosition`).
 */
import type { KnownPushers } from './facts.js';
import type { CommitFacts, DismissalDisregarded, Pusher, Review } from './types.js';
import { isBotAccount, normalizeLogin } from './types.js';

/** A state the gate does not know takes a position: it may be one that blocks (fail closed). */
const TAKES_A_POSITION: ReadonlySet<Review['state']> = new Set([
  'APPROVED',
  'CHANGES_REQUESTED',
  'DISMISSED',
  'UNRECOGNIZED',
]);

export function effectiveReviews(
  reviews: readonly Review[],
  contributors: ReadonlyMap<string, string>,
): Map<string, Review> {
  const ordered = [...reviews].sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id,
  );
  const latest = new Map<string, Review>();
  for (const review of ordered) {
    if (!TAKES_A_POSITION.has(review.state)) continue;
    const user = normalizeLogin(review.user);
    latest.set(user, { ...review, user });
  }
  for (const [user, review] of latest) {
    if (review.state !== 'DISMISSED') continue;
    const disregarded = disregardedDismissal(review, contributors);
    if (disregarded === undefined) latest.delete(user);
    else
      latest.set(user, {
        ...review,
        ...(disregarded.kind === 'change-request' ? { state: 'CHANGES_REQUESTED' } : {}),
        standsDismissed: disregarded,
      });
  }
  return latest;
}

/**
 * How an effective review blocks where its reviewer is a designated approver (blockers.ts), or
 * undefined when it does not: a change request (one whose dismissal does not count among them), a
 * dismissal GitHub does not explain, or a state the gate does not know.
 */
export type BlockingPosition =
  | { kind: 'changes-requested'; dismissedBut?: string }
  | { kind: 'dismissal-unexplained'; why: string }
  | { kind: 'unknown-state'; state: string };

export function blockingPosition(review: Review): BlockingPosition | undefined {
  const stands = review.standsDismissed;
  if (stands?.kind === 'unexplained') return { kind: 'dismissal-unexplained', why: stands.why };
  if (review.state === 'UNRECOGNIZED')
    return { kind: 'unknown-state', state: review.unrecognizedState ?? review.state };
  if (review.state !== 'CHANGES_REQUESTED') return undefined;
  return stands ? { kind: 'changes-requested', dismissedBut: stands.why } : { kind: 'changes-requested' };
}

/**
 * Why a dismissal does not take the review away (a change request dismissed by the change's own
 * side, or a dismissal the events do not explain), or undefined when it does.
 */
function disregardedDismissal(
  review: Review,
  contributors: ReadonlyMap<string, string>,
): DismissalDisregarded | undefined {
  const { dismissal } = review;
  if (!dismissal)
    return {
      kind: 'unexplained',
      why: "the pull request's events do not say what the review was or who dismissed it",
    };
  // A dismissed approval (or comment) is no position, whoever dismissed it: only a change request's
  // dismisser matters. Any other state the events give (`dismissed`, `pending`) does not say what the
  // review was, so it may have been a change request: it still blocks (fail closed).
  if (dismissal.was === 'APPROVED' || dismissal.was === 'COMMENTED') return undefined;
  if (dismissal.was !== 'CHANGES_REQUESTED')
    return {
      kind: 'unexplained',
      why: "the pull request's events do not say what the review was before it was dismissed",
    };
  const why = dismissedChangeRequestStands(dismissal, contributors);
  return why === undefined ? undefined : { kind: 'change-request', why };
}

/** Why a dismissed change request still stands, or undefined when its dismissal counts. */
function dismissedChangeRequestStands(
  dismissal: NonNullable<Review['dismissal']>,
  contributors: ReadonlyMap<string, string>,
): string | undefined {
  // GitHub names no actor for an account deleted since (its "ghost").
  if (dismissal.by === undefined) return "the pull request's events do not say who dismissed it";
  // A bot dismissing is no person deciding: `github-actions[bot]` may act with a workflow token the
  // pull request's author controls.
  if (isBotAccount(dismissal.by, dismissal.byBot))
    return `@${dismissal.by} dismissed it, and a bot's dismissal does not lift a change request`;
  const role = contributorRole(contributors, dismissal.by, dismissal.byId);
  return role === undefined ? undefined : `@${dismissal.by} dismissed it, and is ${role}`;
}

/**
 * Why `login` (the account `id`, when GitHub gave it) wrote or pushed the change, or undefined. By id
 * too: a pusher's login is recorded as it was at the push, and the account may be renamed since.
 */
export function contributorRole(
  contributors: ReadonlyMap<string, string>,
  login: string,
  id: number | undefined,
): string | undefined {
  return (
    contributors.get(normalizeLogin(login)) ?? (id === undefined ? undefined : contributors.get(idKey(id)))
  );
}

/** A contributor's key by account id (a login never holds `#`, so it never meets a login's). */
function idKey(id: number): string {
  return `#${id}`;
}

/** GitHub's own committer for web edits and merges: not a person who could approve. */
const NOT_PEOPLE = new Set(['web-flow', 'github']);

/**
 * Who wrote or pushed the change: the author, commit authors and committers, and known pushers; by
 * login, and pushers by account id too where known (ask it with `contributorRole`). A commit a person
 * made the head adding nothing of their own (`passedThrough`: GitHub's "Update branch" names whoever
 * clicked its author) does not make that person its author or committer.
 */
export function contributorsOf(
  author: string,
  commits: readonly CommitFacts[],
  { pushers, passedThrough }: KnownPushers,
): Map<string, string> {
  const out = new Map<string, string>();
  const add = (login: string | undefined, role: string) => {
    if (!login) return;
    const key = normalizeLogin(login);
    if (NOT_PEOPLE.has(key) || out.has(key)) return;
    out.set(key, role);
  };
  const broughtOnly = new Set(passedThrough.map((p) => `${p.commit}\0${normalizeLogin(p.login)}`));
  const wrote = (sha: string, login: string | undefined) =>
    login === undefined || broughtOnly.has(`${sha}\0${normalizeLogin(login)}`) ? undefined : login;
  add(author, 'the author of this pull request');
  for (const c of commits) {
    add(wrote(c.sha, c.author), `the author of commit ${c.sha.slice(0, 7)}`);
    add(wrote(c.sha, c.committer), `the committer of commit ${c.sha.slice(0, 7)}`);
  }
  const pushed = 'one of those who pushed to this pull request';
  for (const p of pushers) {
    add(p.login, pushed);
    if (p.id !== undefined && !out.has(idKey(p.id))) out.set(idKey(p.id), pushed);
  }
  return out;
}

/**
 * The people whose standing as a pusher decides something: whoever approved (their approval counts
 * only if they did not push) or dismissed a review (a dismissal by a pusher does not lift a change
 * request). The author is a contributor whatever they pushed.
 */
export function whoseStandingCounts(reviews: readonly Review[], author: string): Pusher[] {
  const people = reviews.flatMap((r): Pusher[] => [
    ...(r.state === 'APPROVED'
      ? [{ login: r.user, ...(r.userId === undefined ? {} : { id: r.userId }) }]
      : []),
    ...(r.dismissal?.by === undefined
      ? []
      : [{ login: r.dismissal.by, ...(r.dismissal.byId === undefined ? {} : { id: r.dismissal.byId }) }]),
  ]);
  return people.filter((p) => normalizeLogin(p.login) !== normalizeLogin(author));
}
