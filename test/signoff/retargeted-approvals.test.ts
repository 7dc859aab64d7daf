/**
 * An approval judges the change against the base of its time. Retargeted (`lax` → `main`, or the
 * other way), the same head brings another change into the new base, so an approval given before
 * the pull request's last change of base (GitHub's `base_ref_changed` event) does not count there,
 * as GitHub's own required reviews take it ("The base branch was changed"); its reviewer is asked
 * again, and approving again counts (DESIGN invariants 2 and 9). Through the app door, with the base
 * changed as GitHub changes it: the event on the pull request, then the `edited` delivery.
 */
import { describe, expect, it } from 'vitest';
import {
  deliverApproval,
  deliverReview,
  harness,
  retarget,
  reviewCheckDone,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

const LAX = 'signoff: {}\n';

describe('an approval given before the pull request was retargeted', () => {
  it('does not count for the new base: its reviewer is asked again, and approving again passes', async () => {
    const h = await harness({ configs: { lax: LAX } });
    await reviewCheckDone(h, 'lax', LAX);
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h, 'main')).toMatchObject({ conclusion: 'success' });

    await h.deliver('pull_request', retarget(h, 'lax', 2));
    await h.idle();
    const lax = shownOnHead(h, 'lax');
    expect(lax).toMatchObject({ conclusion: 'action_required' });
    expect(JSON.stringify(lax!.output)).toContain("before the pull request's base branch was changed");
    expect(h.gh.pull(7).requested.users).toContain('olivia');
    // The success the pull request left on main is withdrawn (left-base.ts), as for any retarget.
    expect(shownOnHead(h, 'main')).not.toMatchObject({ conclusion: 'success' });

    await deliverApproval(h, 'olivia', 3);
    expect(shownOnHead(h, 'lax')).toMatchObject({ conclusion: 'success' });
  });

  it('counts an approval given after the base was changed, and a change request from before still blocks', async () => {
    const h = await harness({ configs: { lax: LAX } });
    await reviewCheckDone(h, 'lax', LAX);
    await deliverReview(h, 'oscar', 1, 'CHANGES_REQUESTED');
    await h.deliver('pull_request', retarget(h, 'lax', 2));
    await h.idle();
    await deliverApproval(h, 'olivia', 3);
    const lax = shownOnHead(h, 'lax');
    expect(JSON.stringify(lax!.output)).not.toContain("before the pull request's base branch was changed");
    // oscar's change request, given before, still stands: retargeting lifts no objection.
    expect(lax).not.toMatchObject({ conclusion: 'success' });
    expect(JSON.stringify(lax!.output)).toContain('oscar');
    // olivia's approval, given after, counts: once oscar approves, the pull request passes.
    await deliverApproval(h, 'oscar', 4);
    expect(shownOnHead(h, 'lax')).toMatchObject({ conclusion: 'success' });
  });
});
