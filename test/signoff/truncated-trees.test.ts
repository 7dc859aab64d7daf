/**
 * A repository whose trees GitHub lists only in part (more entries than one response holds). The gate
 * cannot read a blueprint there, so a pull request that changes a blueprint file fails both checks,
 * naming the listing. One that changes no file of a blueprint's name is judged by its names alone:
 * whether the repository holds a symbolic link or a submodule (which would make any change one that
 * may reach a blueprint, relevance.ts `mayTouchBlueprint`) cannot be known, and counting that as yes
 * would fail every pull request of such a repository, not only those about its blueprints.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILES } from './fixtures.js';
import {
  checkText,
  harness,
  pullRequestEvent,
  reviewShownOnHead,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';
import type { HarnessOptions } from './support/signoff-app.js';

useSignoffApp();

async function openedOnTruncatedTrees(options: HarnessOptions) {
  const h = await harness({ checkRuns: [], truncatedTrees: true }, options);
  await h.deliver('pull_request', pullRequestEvent(h, 'opened'));
  await h.idle();
  const signoff = shownOnHead(h);
  return {
    review: reviewShownOnHead(h),
    signoff: { conclusion: signoff?.conclusion, said: checkText(signoff) },
  };
}

describe('trees too large for GitHub to list in one response', () => {
  it('a pull request that changes a blueprint file: both checks fail, naming the listing', async () => {
    const { review, signoff } = await openedOnTruncatedTrees({});
    expect(review.conclusion).toBe('failure');
    expect(review.said).toContain('too large for GitHub to list in one response');
    expect(signoff.conclusion).toBe('failure');
    expect(signoff.said).toContain('too large for GitHub to list in one response');
  });

  it("a pull request that changes no file of a blueprint's name: both pass, judged by the names", async () => {
    const { review, signoff } = await openedOnTruncatedTrees({
      head: { ...BASE_FILES, 'README.md': '# order to cash, now documented\n' },
      // Links the listing does not reach are none the gate can know of.
      baseLinks: { 'zz/latest': 'v2' },
    });
    expect(review).toMatchObject({ conclusion: 'success' });
    expect(review.said).toContain('No blueprint changes');
    expect(signoff.conclusion).toBe('success');
  });
});
