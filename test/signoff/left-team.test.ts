/**
 * Who counts as a designated approver is decided when the gate is evaluated (DESIGN.md, invariants 3
 * and 4: team membership is checked at evaluation time; a change request *from a designated approver*
 * blocks). So a change request by someone the owning team has since removed no longer blocks — as
 * their approval would no longer count — and the gate still waits for an approval from someone who
 * is an approver now: nobody's change request is dropped in favour of a pass.
 */
import { describe, expect, it } from 'vitest';
import {
  approve,
  deliverApproval,
  deliverReview,
  harness,
  membershipEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('a change request by someone later removed from the owning team', () => {
  it('stops blocking once they left, and the gate still waits for a current approver', async () => {
    const h = await harness();
    await deliverReview(h, 'oscar', 1, 'CHANGES_REQUESTED');
    expect(signoffRuns(h).at(-1)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Blocked: @oscar requested changes' },
    });

    // An admin removes oscar from @acme/orders: evaluated again, no longer blocked, not passing either.
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['olivia'] };
    await h.deliver('membership', membershipEvent('removed', 'orders', 'oscar'));
    await h.idle();
    const after = signoffRuns(h).at(-1)!;
    expect(after.conclusion).toBe('action_required');
    expect(after.output!.title).not.toContain('oscar');
    expect(after.output!.summary).toContain('Still needs: 1 approval from `@acme/orders`');

    await deliverApproval(h, 'olivia', 2);
    expect(signoffRuns(h).at(-1)!.conclusion).toBe('success');
  });

  it('still blocks while the lookup of their membership fails', async () => {
    const h = await harness();
    approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
    approve(h, 'olivia', 2);
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['olivia'] };
    h.gh.state.failingTeams = ['orders'];
    await h.deliver('membership', membershipEvent('removed', 'orders', 'oscar'));
    await h.idle();
    const run = signoffRuns(h).at(-1)!;
    expect(run.conclusion).not.toBe('success');
    expect(run.output!.summary).toContain('membership could not be checked');
  });
});
