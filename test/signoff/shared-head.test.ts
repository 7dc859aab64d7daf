/**
 * Two open pull requests with the same head into the same base share one "Blueprint sign-off" check
 * (GitHub keys check runs by commit and name): it passes only when each passes on its own approvals.
 * Real webhook payloads through the Probot app; GitHub faked over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import type { PullState } from './support/signoff-github.js';
import {
  approve,
  deliverApproval,
  deliverReview,
  harness,
  reviewEvent,
  shownOnHead,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

/** An open pull request into main by `author`, nobody's approval on it. */
function pullBy(author: string): PullState {
  return { base: 'main', author, labels: [], reviews: [], requested: { users: [], teams: [] }, events: [] };
}

/** #7 (mallory's) and #8 (eve's), the same head into main; nobody approved either yet. */
function twoPulls() {
  return harness({ otherPulls: { 8: pullBy('eve') } });
}

describe('a head shared by two open pull requests into one base', () => {
  it("does not pass on one pull request's approvals while the other has none", async () => {
    const h = await twoPulls();
    await deliverApproval(h, 'olivia', 1);
    const run = shownOnHead(h)!;
    expect(run.conclusion).toBe('action_required');
    expect(run.output!.title).toBe('#8: Waiting for 1 approval');
    expect(run.output!.summary).toContain('**This check is shared by #7 and #8**');
    expect(run.output!.summary).toContain('### #8');
    // #7's own approval is there too: the owners are asked on #8, by #8's own evaluation, not here.
    expect(h.gh.writes()).toEqual(['POST /repos/acme/shop/check-runs']);
  });

  it('passes once each passes on its own approvals, and says so', async () => {
    const h = await twoPulls();
    approve(h, 'olivia', 1);
    await deliverReview(h, 'oscar', 2, 'APPROVED', 8);
    const run = shownOnHead(h)!;
    expect(run.conclusion).toBe('success');
    expect(run.output!.title).toBe('Signed off for each of #7 and #8');
    // The same verdict from #7's side writes nothing more.
    const writes = h.gh.writes().length;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(h.gh.writes()).toHaveLength(writes);
  });

  it('does not leave a success over a pull request opened with the same head while it was written', async () => {
    // #8 is opened after #7's evaluation listed the open pull requests and before it wrote: the
    // success written on #7's approval alone is found by the listing after the write, and replaced.
    const h = await harness({ openedAfterListing: [{ 8: pullBy('eve') }] });
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({
      conclusion: 'action_required',
      output: { title: '#8: Waiting for 1 approval' },
    });
  });

  it('fails closed when the pull requests sharing the head keep changing while it is written', async () => {
    // Each one opened is approved as #7 is, so each round's verdict passes and is written again.
    const h = await harness({});
    const approved = (): PullState => ({
      ...pullBy('eve'),
      reviews: [
        {
          id: 1,
          user: 'olivia',
          state: 'APPROVED',
          commit_id: h.headSha,
          submitted_at: '2025-01-01T10:01:00Z',
        },
      ],
    });
    h.gh.state.openedAfterListing = [8, 9, 10, 11].map((n) => ({ [n]: approved() }));
    await deliverApproval(h, 'olivia', 1);
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'failure' });
    expect(shownOnHead(h)!.output!.summary).toContain('kept changing');
  });

  it('fails closed when the other open pull requests cannot be listed', async () => {
    const h = await twoPulls();
    approve(h, 'olivia', 1);
    h.gh.state.failingPullListings = 1;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(shownOnHead(h)).toMatchObject({ conclusion: 'failure' });
    expect(shownOnHead(h)!.output!.summary).toContain('could not be listed');
  });
});
