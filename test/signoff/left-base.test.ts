/**
 * A pull request that leaves a base (retargeted, or closed unmerged) takes its sign-off success for that
 * base with it: nothing evaluates that base for it any more, so a success left there would outlive what
 * happens meanwhile, and coming back then merging before the app evaluates again would merge on it.
 * Real webhook payloads through the Probot app; GitHub faked over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import type { Harness } from './support/signoff-app.js';
import {
  approve,
  deliverApproval,
  dismiss,
  harness,
  pullRequestEvent,
  reviewCheckDone,
  reviewEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

function retargeted(h: Harness, from: string, to: string) {
  h.gh.state.base = to;
  return pullRequestEvent(h, 'edited', {
    patch: (p, pr) => {
      (pr.base as { ref: string }).ref = to;
      p.changes = { base: { ref: { from }, sha: { from: h.gh.repo.baseSha } } };
    },
  });
}

/** The config the fake answers for `ref`. */
function configAt(h: Harness, ref: string): string | undefined {
  const { configs, config } = h.gh.state;
  return configs && ref in configs ? configs[ref] : config;
}

/** #7 approved by olivia (of the owning team): its sign-off for main passes. */
async function approvedIntoMain(state: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  const h = await harness(state);
  // The review of the head for lax is done already, under lax's config: only the sign-off is under test.
  await reviewCheckDone(h, 'lax', configAt(h, 'lax'));
  await deliverApproval(h, 'olivia', 1);
  expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  return h;
}

describe('a pull request retargeted away from a base', () => {
  it('withdraws its success there, so a change made meanwhile cannot be merged past by retargeting back', async () => {
    const h = await approvedIntoMain({ configs: { lax: 'signoff: {}\n' } });

    await h.deliver('pull_request', retargeted(h, 'main', 'lax'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'The pull request no longer targets main' },
    });
    expect(shownOnHead(h)!.output!.summary).toContain('**#7 now targets `lax`**, not `main`');

    // While it targets lax, olivia's approval is dismissed: that evaluates lax, never main.
    approve(h, 'olivia', 2);
    dismiss(h, 2, 'admin');
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(shownOnHead(h, 'lax')).toMatchObject({ conclusion: 'action_required' });

    // Retargeted back to main: before the app evaluates it, main's check shows no success to merge on…
    const back = retargeted(h, 'lax', 'main');
    expect(shownOnHead(h)).not.toMatchObject({ conclusion: 'success' });
    // …and after, it shows the approval is gone.
    await h.deliver('pull_request', back);
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
  });

  it('passes again when it comes back with nothing changed (evaluated afresh, not stuck)', async () => {
    const h = await approvedIntoMain({ configs: { lax: 'signoff: {}\n' } });
    await h.deliver('pull_request', retargeted(h, 'main', 'lax'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'failure' });
    await h.deliver('pull_request', retargeted(h, 'lax', 'main'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  /** #7 approved into main, and #8 open into main with the same head (and `reviews` of its own). */
  async function sharedWith8(reviews: { user: string; minute: number }[]): Promise<Harness> {
    const h = await approvedIntoMain({ configs: { lax: 'signoff: {}\n' } });
    // #8 opened with the same head after #7's success, and its own evaluation has not run yet.
    h.gh.state.otherPulls = {
      8: {
        base: 'main',
        author: 'mallory',
        labels: [],
        reviews: [],
        requested: { users: [], teams: [] },
        events: [],
      },
    };
    for (const { user, minute } of reviews) approve(h, user, minute, 'APPROVED', 8);
    await h.deliver('pull_request', retargeted(h, 'main', 'lax'));
    await h.idle();
    return h;
  }

  it("evaluates another open pull request with the same head into that base: #7's approvals no longer speak for it", async () => {
    // The check is #8's too, but its success was #7's verdict, from #7's reviews, which nothing
    // evaluates for main any more: #8, which nobody approved, must not merge on it.
    const h = await sharedWith8([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'action_required' });
  });

  it('leaves that success standing when the other pull request earns it with its own approvals', async () => {
    const h = await sharedWith8([{ user: 'olivia', minute: 2 }]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.writes().filter((w) => w.startsWith('PATCH'))).toHaveLength(0);
  });
});

describe('a pull request closed without merging', () => {
  it('withdraws its success; reopening evaluates it afresh', async () => {
    const h = await approvedIntoMain();
    h.gh.state.state = 'closed';
    await h.deliver(
      'pull_request',
      pullRequestEvent(h, 'closed', {
        patch: (_p, pr) => {
          pr.state = 'closed';
          pr.merged = false;
        },
      }),
    );
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'The pull request was closed' },
    });

    h.gh.state.state = 'open';
    await h.deliver('pull_request', pullRequestEvent(h, 'reopened'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });

  it('leaves the check of a merged pull request as it is', async () => {
    const h = await approvedIntoMain();
    const writes = h.gh.writes().length;
    h.gh.state.state = 'closed';
    await h.deliver(
      'pull_request',
      pullRequestEvent(h, 'closed', {
        patch: (_p, pr) => {
          pr.state = 'closed';
          pr.merged = true;
        },
      }),
    );
    await h.idle();
    expect(h.gh.writes().slice(writes)).toEqual([]);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'success' });
  });
});
