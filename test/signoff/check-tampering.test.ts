/**
 * Check tampering: another app (a workflow's GITHUB_TOKEN with `checks: write` is GitHub Actions' app)
 * writes a check run with this app's check name on the head. The gate trusts only its own runs: a
 * green `Blueprint review: main` of another app does not pass the sign-off (its sign-off run of the
 * same name is never adopted: app.test.ts). That branch protection
 * counts only this app's run is the admin's setting (docs/signoff.md, "Making it required").
 */
import { describe, expect, it } from 'vitest';
import { deliverApproval, harness, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

const OTHER_APP = { id: 99 };

describe("another app's run with this app's check name", () => {
  it('a green review check of another app does not pass the sign-off', async () => {
    const h = await harness();
    // The seeded green review run is another app's: this app has not reviewed the head.
    const review = h.gh.state.checkRuns.find((r) => r.name === 'Blueprint review: main')!;
    review.app = OTHER_APP;
    await deliverApproval(h, 'olivia', 1);
    const mine = signoffRuns(h).filter((r) => (r.app?.id ?? 1) === 1 && r.status === 'completed');
    expect(mine.at(-1)).toMatchObject({ conclusion: 'failure' });
    expect(mine.at(-1)!.output!.summary).toContain('"Blueprint review: main" check has not finished');
    expect(review).toMatchObject({ conclusion: 'success', app: OTHER_APP });
  });
});
