/**
 * Pushes made with GitHub Actions' workflow token. GitHub names `github-actions[bot]` as their sender,
 * never the person whose workflow pushed, and anyone who can write can have a workflow push anything
 * (a workflow of their own branch, a dispatch, a command comment). Taken as the pusher, the bot would
 * hide that person, who could then approve content they wrote. Real `pull_request` deliveries through
 * the Probot app, GitHub faked with nock over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import {
  deliverApproval,
  harness,
  openedRun,
  pullRequestEvent,
  pushEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';

useSignoffApp();

/**
 * mallory's pull request, opened at the base commit (a commit GitHub serves: whether a push added
 * anything of its own is read from its tree), whose head `pusher` pushed on top: the orders change.
 */
async function pushedBy(pusher: string): Promise<Harness> {
  const h = await harness({}, { openedBy: null });
  const opened = h.gh.repo.baseSha;
  h.gh.state.checkRuns.unshift(openedRun(opened, 'mallory'));
  await h.deliver(
    'pull_request',
    pushEvent(h, pusher, (p) => (p.before = opened)),
  );
  await h.idle();
  return h;
}

/** The sign-off runs on the head, oldest first. */
function onHead(h: Harness) {
  return signoffRuns(h).filter((r) => r.head_sha === h.headSha);
}

describe('a head pushed with a workflow token', () => {
  it("is nobody's known push: oscar, whose workflow may have pushed it, cannot pass it alone", async () => {
    // oscar (of the owning team) had a workflow push his contract change onto mallory's branch; the
    // delivery's sender is the token's account. His approval must not pass it.
    const h = await pushedBy('github-actions[bot]');
    await deliverApproval(h, 'oscar', 1);
    const shown = onHead(h).at(-1)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain(
      `commit \`${h.headSha.slice(0, 7)}\` was pushed by \`github-actions[bot]\` with a workflow's token`,
    );
    expect(shown.output!.summary).toContain('close and reopen the pull request');
  });

  it('passes once a person reopens the pull request, who then counts as its pusher', async () => {
    const h = await pushedBy('github-actions[bot]');
    // The recovery the check names: mallory reopens it, taking the push on herself.
    await h.deliver('pull_request', pullRequestEvent(h, 'reopened', { sender: 'mallory' }));
    await h.idle();
    await deliverApproval(h, 'olivia', 1);
    expect(onHead(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });

  it('a pull request a workflow opened is known once a person reopens it, and that person cannot approve', async () => {
    const h = await harness({}, { openedBy: 'github-actions[bot]' });
    await deliverApproval(h, 'olivia', 1);
    expect(onHead(h).at(-1)).toMatchObject({ conclusion: 'failure' });
    // olivia reopens it: she answers for its content now, so her approval no longer counts.
    await h.deliver('pull_request', pullRequestEvent(h, 'reopened', { sender: 'olivia' }));
    await h.idle();
    const shown = onHead(h).at(-1)!;
    expect(shown.conclusion).toBe('action_required');
    expect(shown.output!.summary).toContain(
      "`@olivia`'s approval does not count: `@olivia` is one of those who pushed to this pull request",
    );
    await deliverApproval(h, 'oscar', 2);
    expect(onHead(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });
});

describe("a head pushed by Copilot's coding agent", () => {
  it('is nobody’s known push either: whoever asked the agent for it cannot pass it alone', async () => {
    const h = await pushedBy('Copilot');
    await deliverApproval(h, 'oscar', 1);
    const shown = onHead(h).at(-1)!;
    expect(shown.conclusion).toBe('failure');
    expect(shown.output!.summary).toContain("was pushed by `Copilot` as Copilot's coding agent");
  });
});

describe("a head pushed by another app's bot", () => {
  it('stays that app’s push: a fresh approval from an owner passes, as for an automatic formatter', async () => {
    const h = await pushedBy('prettier-fix[bot]');
    await deliverApproval(h, 'olivia', 1);
    expect(onHead(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });
});
