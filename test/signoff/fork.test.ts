/**
 * A pull request from a fork: its head commits come from the fork (GitHub serves them through the
 * base repository), while the config, the owners and the check stay the base repository's. Who pushed
 * is GitHub's word there too — the sender of each `synchronize` delivery, the fork's owner or a
 * maintainer pushing to the fork's branch — and never the base repository's own branch of that name.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from './support/signoff-app.js';
import {
  deliverApproval,
  harness,
  OPENED_AT,
  openedRun,
  pushEvent,
  shownOnHead,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

/** GitHub's `synchronize` delivery, to acme/shop, of a push to mallory's fork's branch by `pusher`. */
function forkPush(h: Harness, pusher: string): Record<string, unknown> {
  return pushEvent(h, pusher, (_p, pr) => {
    const head = pr.head as { repo: Record<string, unknown> };
    head.repo = { ...head.repo, id: 4711, full_name: 'mallory/shop', fork: true };
  });
}

describe('a pull request from a fork', () => {
  it("is judged by the base repository's config and owners, and its check goes on the head in the base repository", async () => {
    const h = await harness({ fork: true });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ head_sha: h.headSha, conclusion: 'success' })]);
    expect(h.gh.writes()).toEqual(['POST /repos/acme/shop/check-runs']);
    // The config was read from the base branch by name, never at the fork's head.
    const configReads = h.gh.calls.filter((c) => c.path.includes('/contents/.github%2Fblueprint-review.yml'));
    expect(configReads.map((c) => new URL(c.path, 'https://x').searchParams.get('ref'))).toEqual(['main']);
  });

  it("a maintainer who pushed to the fork's branch cannot approve it", async () => {
    const h = await harness({ fork: true }, { openedBy: null });
    h.gh.state.checkRuns.unshift(openedRun(OPENED_AT, 'mallory'));
    // oscar (of the owning team, a maintainer of acme/shop) pushes to mallory's branch.
    await h.deliver('pull_request', forkPush(h, 'oscar'));
    await h.idle();
    await deliverApproval(h, 'oscar', 1);
    const shown = () => shownOnHead(h);
    expect(shown()).toMatchObject({ conclusion: 'action_required' });
    expect(shown()!.output!.summary).toContain('`@oscar` is one of those who pushed to this pull request');

    await deliverApproval(h, 'olivia', 2);
    expect(shown()).toMatchObject({ conclusion: 'success' });
  });

  it("does not take the base repository's own branch of the same name for the fork's", async () => {
    // acme/shop has a `feature` branch too, whose activity names peggy pushing this very commit: it is
    // not the fork's branch, so it fills no gap in the app's records, and the gate fails closed.
    const h = await harness({ fork: true }, { openedBy: null });
    h.gh.state.activity = [
      {
        ref: 'refs/heads/feature',
        activity_type: 'push',
        before: OPENED_AT,
        after: h.headSha,
        actor: { login: 'peggy' },
      },
    ];
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output!.summary).toContain(`no record of who pushed commit \`${h.headSha.slice(0, 7)}\``);
    expect(h.gh.find('GET', '/repos/acme/shop/activity')).toEqual([]);
  });
});
