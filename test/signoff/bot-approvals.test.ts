/**
 * A bot's approval never stands for a person (invariants 3 and 5): an app, or `github-actions[bot]`
 * with a workflow token the pull request's author controls, can submit an APPROVED review with write
 * access. It counts only where a rule names the bot; the check says why it did not count otherwise.
 */
import { describe, expect, it } from 'vitest';
import { basisLine } from '../app/support/review-basis.js';
import {
  approve,
  deliverApproval,
  dismiss,
  harness,
  reviewEvent,
  signoffRuns,
  TEAMS,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('bot approvals', () => {
  it('does not count github-actions[bot] even when the fake GitHub calls it a member of the owner team', async () => {
    const h = await harness({ teams: { ...TEAMS, orders: ['olivia', 'github-actions[bot]'] } });
    await deliverApproval(h, 'github-actions[bot]', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(run!.output!.summary).toContain('is a bot account');
    // Not even asked: membership stands for people.
    expect(h.gh.calls.some((c) => c.path.includes('memberships/github-actions'))).toBe(false);
  });

  it('goes by GitHub\'s account type, not only the "[bot]" suffix', async () => {
    const h = await harness({ teams: { ...TEAMS, orders: ['olivia', 'ci-robot'] } });
    h.gh.state.reviews.push({
      id: 1,
      user: 'ci-robot',
      type: 'Bot',
      state: 'APPROVED',
      commit_id: h.headSha,
      submitted_at: new Date(Date.UTC(2025, 0, 1, 10, 1)).toISOString(),
    });
    await h.deliver('pull_request_review', reviewEvent(h, 'ci-robot', 'approved'));
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'action_required' });
    expect(signoffRuns(h)[0]!.output!.summary).toContain('ci-robot');
    expect(signoffRuns(h)[0]!.output!.summary).toContain('is a bot account');

    // The same review by a person of the team counts: the type is what made the difference.
    h.gh.state.reviews[0]!.type = 'User';
    await h.deliver('pull_request_review', reviewEvent(h, 'ci-robot', 'approved'));
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'success' });
  });

  it('does not let a bot change request block either, unless a rule names the bot', async () => {
    const h = await harness({ teams: { ...TEAMS, orders: ['olivia', 'renovate[bot]'] } });
    approve(h, 'renovate[bot]', 1, 'CHANGES_REQUESTED');
    await deliverApproval(h, 'olivia', 2);
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'success' });
  });

  it('counts a bot that a rule names explicitly', async () => {
    const config = `signoff:
  rules:
    - id: release-bot
      when: { categories: [contract] }
      require: { users: ['release-bot[bot]'] }
`;
    // GitHub has no collaborator permission for an app account: the fake answers none.
    const h = await harness({ config, permissions: { 'release-bot[bot]': 'none' } });
    h.gh.state.checkRuns[0]!.output!.summary = await basisLine(config);
    await deliverApproval(h, 'release-bot[bot]', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'success' });
    expect(run!.output!.summary).toContain('@release-bot[bot]');
    expect(h.gh.calls.some((c) => c.path.includes('/collaborators/'))).toBe(false);
  });

  it("does not lift a change request that a bot dismissed: the workflow's token may be the author's", async () => {
    const h = await harness();
    approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
    approve(h, 'olivia', 2);
    dismiss(h, 1, 'github-actions[bot]');
    await h.deliver(
      'pull_request_review',
      reviewEvent(h, 'oscar', 'dismissed', 'dismissed', 'github-actions[bot]'),
    );
    await h.idle();
    expect(signoffRuns(h)).toMatchObject([
      { conclusion: 'failure', output: { title: 'Blocked: @oscar requested changes' } },
    ]);
    expect(signoffRuns(h)[0]!.output!.summary).toContain("a bot's dismissal does not lift a change request");

    // GitHub's word that the actor is a bot counts as much as the login.
    const event = h.gh.state.events.at(-1)!;
    event.actor = { login: 'ci-robot', type: 'Bot' };
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'dismissed', 'dismissed', 'ci-robot'));
    await h.idle();
    expect(signoffRuns(h).at(-1)).toMatchObject({ conclusion: 'failure' });
    expect(signoffRuns(h).at(-1)!.output!.summary).toContain('`@ci-robot` dismissed it');

    // A person who did not write the change (an admin) dismissing it lifts it.
    event.actor = { login: 'admin', type: 'User' };
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(signoffRuns(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });
});
