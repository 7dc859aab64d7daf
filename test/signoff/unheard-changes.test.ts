/**
 * Changes the gate may not hear as they happen, or hears from someone who has no say:
 *
 * - the installation suspended, then unsuspended: GitHub sends no webhook meanwhile, so a team change
 *   (or a config or owners change) in that time was never heard; unsuspended, every open pull request
 *   is evaluated again (src/app/handlers/signoff.ts);
 * - a re-run of the sign-off check asked by someone without write access: it only evaluates again,
 *   reading GitHub afresh — it neither passes nor fails anything, and its sender is no pusher;
 * - the file naming the owners deleted on the base while the pull request is open: the gate still
 *   asks the owners the merge base names, and passes only with their approval.
 */
import { describe, expect, it } from 'vitest';
import { payload } from '../app/support/fake-github.js';
import { BASE_FILES } from './fixtures.js';
import { deliverApproval, harness, shownOnHead, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** GitHub's `installation` delivery as an admin unsuspends the app on acme. */
function unsuspended() {
  return payload('membership.added', (p) => {
    for (const key of ['scope', 'member', 'team', 'organization']) delete p[key];
    p.action = 'unsuspend';
    p.installation = { id: 4242, account: { login: 'acme', type: 'Organization' }, suspended_at: null };
    p.sender = { login: 'admin', type: 'User' };
  });
}

describe('the installation suspended, then unsuspended', () => {
  it('evaluates every open pull request again: a team change made meanwhile was never delivered', async () => {
    const h = await harness();
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });

    // Suspended: olivia leaves @acme/orders, and GitHub delivers nothing of it.
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['oscar'] };
    await h.deliver('installation', unsuspended());
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
  });
});

describe('a re-run of the sign-off check asked by someone without write access', () => {
  function rerunBy(h: Awaited<ReturnType<typeof harness>>, login: string) {
    return payload('check_run.rerequested', (p) => {
      const run = p.check_run as { name: string; head_sha: string };
      run.name = 'Blueprint sign-off: main';
      run.head_sha = h.headSha;
      p.sender = { login, type: 'User' };
    });
  }

  it('passes nothing that waits, withdraws nothing that passes, and makes its sender no pusher', async () => {
    const h = await harness();
    await h.deliver('check_run', rerunBy(h, 'eve'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });

    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
    const written = signoffRuns(h).length;
    // An approver asking a re-run is not taken for someone who pushed: their approval still counts.
    await h.deliver('check_run', rerunBy(h, 'olivia'));
    await h.deliver('check_run', rerunBy(h, 'eve'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
    expect(
      signoffRuns(h)
        .slice(written)
        .every((r) => r.conclusion !== 'failure'),
    ).toBe(true);
  });
});

describe('the file naming the owners deleted on the base while the pull request is open', () => {
  it("still asks the merge base's owners: no approval, no pass", async () => {
    const { 'blueprint/blueprint.yaml': _deleted, ...rest } = BASE_FILES;
    const h = await harness({}, { baseTip: rest, baseTipRemoves: ['blueprint/blueprint.yaml'] });
    await h.deliver(
      'check_run',
      payload('check_run.rerequested', (p) => {
        const run = p.check_run as { name: string; head_sha: string };
        run.name = 'Blueprint sign-off: main';
        run.head_sha = h.headSha;
      }),
    );
    await h.idle();
    expect(shownOnHead(h)?.conclusion).not.toBe('success');
    await deliverApproval(h, 'bill', 1);
    expect(shownOnHead(h)?.conclusion).not.toBe('success');
    await deliverApproval(h, 'olivia', 2);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });
});
