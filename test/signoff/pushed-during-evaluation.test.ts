/**
 * A push to the head while a sign-off evaluation runs: the evaluation read the pull request once, and
 * everything it decides and writes belongs to that head. Its verdict lands on that commit only; the
 * newer head gets nothing from it (its own `synchronize` delivery evaluates it, with its own pusher).
 */
import { describe, expect, it } from 'vitest';
import { approve, harness, reviewEvent, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

describe('a push to the head while its sign-off is evaluated', () => {
  it('writes the verdict of the head it read on that head only, never on the newer one', async () => {
    const h = await harness();
    const newer = 'c'.repeat(40);
    approve(h, 'olivia', 1);
    // As the evaluation reads the reviews (after the pull request, before any write), mallory pushes:
    // every later read of pull request 7 names the newer head.
    const reviews = h.gh.state.reviews;
    Object.defineProperty(h.gh.state, 'reviews', {
      configurable: true,
      get() {
        (h.gh as unknown as { movedTo: string }).movedTo = newer;
        return reviews;
      },
    });
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    // The push did land while the evaluation ran.
    expect((h.gh as unknown as { movedTo?: string }).movedTo).toBe(newer);
    const runs = signoffRuns(h);
    expect(runs.filter((r) => r.head_sha === newer)).toEqual([]);
    expect(runs.filter((r) => r.head_sha === h.headSha).at(-1)).toMatchObject({ conclusion: 'success' });
  });
});
