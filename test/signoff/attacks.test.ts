/**
 * The attacks of issue 10, each tried from outside as a hurried or malicious engineer would: real
 * webhook payloads through the Probot app, GitHub faked with nock over a real git repository. Each
 * attack used to end in a false green; each test asserts the gate does not pass.
 */
import { describe, expect, it } from 'vitest';
import { payload } from '../app/support/fake-github.js';
import { approve, harness, reviewEvent, signoffRuns, useSignoffApp } from './support/signoff-app.js';

useSignoffApp();

/** A `lax` branch whose config lets one person approve any contract change. */
const LAX_CONFIG = `signoff:
  rules:
    - id: anyone-will-do
      when: { categories: [contract] }
      require: { users: [eve] }
`;

describe('attack 1: one head, two bases', () => {
  it('a success computed under the lax base config never satisfies the check main requires', async () => {
    const h = await harness({
      configs: { lax: LAX_CONFIG },
      otherPulls: {
        8: {
          base: 'lax',
          author: 'mallory',
          labels: [],
          reviews: [],
          requested: { users: [], teams: [] },
          events: [],
        },
      },
    });
    h.gh.state.checkRuns.push({
      id: 2,
      name: 'Blueprint review: lax',
      head_sha: h.headSha,
      status: 'completed',
      conclusion: 'success',
    });
    // eve approves the pull request into lax: the lax config is satisfied.
    approve(h, 'eve', 1, 'APPROVED', 8);
    await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'approved', 'submitted', 'eve', 8));
    await h.idle();
    expect(signoffRuns(h, 'lax')).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // What branch protection on main looks for: only "Blueprint sign-off: main" (see docs/signoff.md).
    const passing = (name: string) =>
      h.gh.state.checkRuns.filter(
        (r) => r.head_sha === h.headSha && r.name === name && r.conclusion === 'success',
      );
    expect(passing('Blueprint sign-off: main')).toEqual([]);
    expect(passing('Blueprint sign-off')).toEqual([]);

    // The pull request into main is judged by main's config: eve is nobody there.
    await h.deliver(
      'pull_request',
      payload('pull_request.opened', (p) => {
        p.action = 'labeled';
        (p.pull_request as { head: { sha: string } }).head.sha = h.headSha;
        p.label = { id: 1, name: 'ready' };
      }),
    );
    await h.idle();
    expect(signoffRuns(h, 'main')).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
    expect(signoffRuns(h, 'lax')).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    expect(passing('Blueprint sign-off: main')).toEqual([]);
  });
});

describe('attack 3: a dismissed approval falls back', () => {
  it('counts no approval when the latest of two approvals is dismissed (the earlier one does not come back)', async () => {
    const h = await harness();
    approve(h, 'olivia', 1);
    approve(h, 'olivia', 2, 'DISMISSED'); // an admin dismissed olivia's second approval
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required', output: { title: 'Waiting for 1 approval' } });
    expect(run!.output!.summary).toContain('Still needs: 1 approval from `@acme/orders`');
    expect(run!.output!.summary).not.toContain('approved `');
  });
});

describe('attack 4: a read-only approver', () => {
  it('does not count an approval from a team member with only read access to the repository', async () => {
    const h = await harness({ permissions: { oscar: 'read' } });
    approve(h, 'oscar', 1);
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'approved'));
    await h.idle();
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain(
      "`@oscar's` approval does not count: `@oscar` has no write access to the repository",
    );
    expect(h.gh.find('GET', '/repos/acme/shop/collaborators/oscar/permission')).toHaveLength(1);
  });
});
