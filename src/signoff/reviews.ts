/**
 * A reviewer's standing on a pull request: their latest approval or change request. Comments do not
 * change it; a dismissed review is discarded, so the person falls back to their previous review.
 */
import type { CommitFacts, Review } from './types.js';
import { normalizeLogin } from './types.js';

export function effectiveReviews(reviews: readonly Review[]): Map<string, Review> {
  const ordered = [...reviews].sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id,
  );
  const out = new Map<string, Review>();
  for (const review of ordered) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED') {
      out.set(normalizeLogin(review.user), { ...review, user: normalizeLogin(review.user) });
    }
  }
  return out;
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
  for (const p of pushers) add(p, 'pushed commits to this pull request');
  return out;
}
