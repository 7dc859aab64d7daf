/**
 * A reviewer's standing on a pull request: their latest review that takes a position. As in GitHub's
 * own required reviews, only the latest counts: an approval, a change request, or a dismissal (the
 * latest review was dismissed, so the person stands nowhere — an earlier review does not come back).
 * Comments and pending drafts do not change anyone's standing.
 */
import type { CommitFacts, Review } from './types.js';
import { normalizeLogin } from './types.js';

const TAKES_A_POSITION: ReadonlySet<Review['state']> = new Set([
  'APPROVED',
  'CHANGES_REQUESTED',
  'DISMISSED',
]);

export function effectiveReviews(reviews: readonly Review[]): Map<string, Review> {
  const ordered = [...reviews].sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id,
  );
  const latest = new Map<string, Review>();
  for (const review of ordered) {
    if (!TAKES_A_POSITION.has(review.state)) continue;
    const user = normalizeLogin(review.user);
    latest.set(user, { ...review, user });
  }
  for (const [user, review] of latest) if (review.state === 'DISMISSED') latest.delete(user);
  return latest;
}

/** GitHub's own committer for web edits and merges: not a person who could approve. */
const NOT_PEOPLE = new Set(['web-flow', 'github']);

/** Who wrote or pushed the change: the author, commit authors and committers, and known pushers. */
export function contributorsOf(
  author: string,
  commits: readonly CommitFacts[],
  pushers: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const add = (login: string | undefined, role: string) => {
    if (!login) return;
    const key = normalizeLogin(login);
    if (NOT_PEOPLE.has(key) || out.has(key)) return;
    out.set(key, role);
  };
  add(author, 'the author of this pull request');
  for (const c of commits) {
    add(c.author, `the author of commit ${c.sha.slice(0, 7)}`);
    add(c.committer, `the committer of commit ${c.sha.slice(0, 7)}`);
  }
  for (const p of pushers) add(p, 'one of those who pushed to this pull request');
  return out;
}
