import { describe, expect, it } from 'vitest';
import { contributorRole, contributorsOf, whoseStandingCounts } from './reviews.js';
import type { Review } from './types.js';

const review = (id: number, user: string, state: Review['state'], extra: Partial<Review> = {}): Review => ({
  id,
  user,
  state,
  commitId: 'h'.repeat(40),
  submittedAt: `2025-01-01T10:0${id}:00Z`,
  ...extra,
});

describe('who took part in a pull request', () => {
  it('a commit a person made the head adding nothing of their own does not make them its author or committer', () => {
    const commits = [
      { sha: 'a'.repeat(40), author: 'mallory', committer: 'mallory' },
      { sha: 'm'.repeat(40), author: 'Olivia', committer: 'olivia' },
    ];
    const passedThrough = [{ commit: 'm'.repeat(40), login: 'olivia' }];
    expect(
      contributorRole(contributorsOf('mallory', commits, { pushers: [], passedThrough }), 'olivia', 1),
    ).toBe(undefined);
    // That commit only: another commit of hers, or the same commit brought in by someone else, counts.
    const another = [...commits, { sha: 'b'.repeat(40), author: 'olivia', committer: 'web-flow' }];
    expect(
      contributorRole(contributorsOf('mallory', another, { pushers: [], passedThrough }), 'olivia', 1),
    ).toBe(`the author of commit ${'b'.repeat(7)}`);
    const byIvy = [{ commit: 'm'.repeat(40), login: 'ivy' }];
    expect(
      contributorRole(contributorsOf('mallory', commits, { pushers: [], passedThrough: byIvy }), 'olivia', 1),
    ).toBe(`the author of commit ${'m'.repeat(7)}`);
  });

  it('asks about the pushes of those who approved or dismissed a review, never of the author', () => {
    const reviews = [
      review(1, 'olivia', 'APPROVED', { userId: 41 }),
      review(2, 'oscar', 'COMMENTED'),
      review(3, 'sam', 'DISMISSED', { dismissal: { was: 'CHANGES_REQUESTED', by: 'ada', byId: 7 } }),
      review(4, 'mallory', 'APPROVED'),
    ];
    expect(whoseStandingCounts(reviews, 'Mallory')).toEqual([
      { login: 'olivia', id: 41 },
      { login: 'ada', id: 7 },
    ]);
  });
});
