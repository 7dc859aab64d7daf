/**
 * Lists longer than GitHub answers in one page. Reviews (100 a page): the latest review of each person
 * counts wherever it falls, so a page left unread would drop an approval or, worse, a change request
 * given after it. Changed files (100 a page, and GitHub lists no more than 3,000): a change listed on
 * the last page still asks its owner, and a pull request past the limit fails closed, as a change
 * GitHub does not list cannot be judged. The fake pages both listings as GitHub does.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from './support/signoff-app.js';
import { approve, harness, reviewEvent, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** The check's verdict on the head, after a review event. */
async function verdictAfterReview(h: Harness) {
  await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
  await h.idle();
  return signoffRuns(h)
    .filter((r) => r.head_sha === h.headSha)
    .at(-1);
}

/** 120 comments by oscar (of the owning team) at minutes `from`…`from + 119`. */
function manyComments(h: Harness, from: number): void {
  for (let i = 0; i < 120; i++) approve(h, 'oscar', from + i, 'COMMENTED');
}

describe('a review list longer than one page', () => {
  it('counts an approval listed on the second page', async () => {
    const h = await harness();
    manyComments(h, 1);
    approve(h, 'olivia', 200);
    expect(await verdictAfterReview(h)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.find('GET', '/repos/acme/shop/pulls/7/reviews')).toHaveLength(2);
  });

  it('is blocked by a change request on the second page after an approval on the first', async () => {
    const h = await harness();
    approve(h, 'olivia', 0);
    manyComments(h, 1);
    approve(h, 'olivia', 200, 'CHANGES_REQUESTED');
    const verdict = await verdictAfterReview(h);
    expect(verdict!.conclusion).not.toBe('success');
    expect(verdict!.output!.summary).toContain('olivia');
  });
});

describe('a changed-file list longer than GitHub lists', () => {
  it('reads every page below the limit: the contract change listed last still asks its owner', async () => {
    const h = await harness({ paddingFiles: 2_950 });
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'commented'));
    await h.idle();
    const waiting = signoffRuns(h).at(-1)!;
    expect(waiting).toMatchObject({ conclusion: 'action_required' });
    expect(waiting.output!.summary).toContain('@acme/orders');
    approve(h, 'olivia', 1);
    expect(await verdictAfterReview(h)).toMatchObject({ conclusion: 'success' });
  });

  it("fails closed at GitHub's limit of 3,000, approvals or not: a change past it cannot be seen", async () => {
    const h = await harness({ paddingFiles: 3_000 });
    approve(h, 'olivia', 1);
    const verdict = await verdictAfterReview(h);
    expect(verdict).toMatchObject({ conclusion: 'failure' });
    expect(verdict!.output!.summary).toContain('more than 3000 files');
  });
});
