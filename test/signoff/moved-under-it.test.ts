/**
 * Requests that name what the pull request no longer is, or come from who cannot write: the gate
 * evaluates what the pull request is now, from GitHub's own facts, so none of them can pass it.
 *
 * - an evaluation queued for `main` that runs after the pull request was retargeted to `lax` writes
 *   `lax`'s verdict (where an approval from before the retargeting does not count), never a success
 *   on `Blueprint sign-off: main`;
 * - a re-run asked for by someone without write access evaluates afresh, and passes only on the
 *   approvals there are;
 * - a check run's `requested_action` does nothing (the app offers no actions);
 * - an approval given on a commit no longer in the pull request (force-pushed away, not served any
 *   more) does not count: its blueprint files cannot be compared with the head's.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { payload } from '../app/support/fake-github.js';
import {
  approve,
  approveCommit,
  harness,
  retarget,
  reviewCheckDone,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';

useSignoffApp();

describe('an evaluation queued for a base the pull request has left since', () => {
  it('writes the verdict for the base it targets now, and no success for the one it left', async () => {
    const h = await harness({ configs: { lax: 'signoff: {}\n' } });
    await reviewCheckDone(h, 'lax', 'signoff: {}\n');
    approve(h, 'olivia', 1);
    // The approval's delivery names main; by the time its job runs, #7 targets lax (retargeted
    // after the approval, whose `edited` delivery is still on its way).
    const event = reviewEvent(h, 'olivia', 'approved');
    retarget(h, 'lax', 2);
    await h.deliver('pull_request_review', event);
    await h.idle();
    expect(signoffRuns(h, 'main').filter((r) => r.conclusion === 'success')).toEqual([]);
    // lax's verdict, in which an approval given before the retargeting does not count
    // (retargeted-approvals.test.ts).
    expect(signoffRuns(h, 'lax').at(-1)).toMatchObject({ conclusion: 'action_required' });
  });
});

/** GitHub's `check_run` delivery (a re-run, unless `patch` says otherwise) of the head's sign-off, sent by eve. */
function signoffCheckRunByEve(h: Harness, patch: (p: Record<string, unknown>) => void = () => {}) {
  return payload('check_run.rerequested', (p) => {
    const run = p.check_run as { name: string; head_sha: string };
    run.name = 'Blueprint sign-off: main';
    run.head_sha = h.headSha;
    p.sender = { login: 'eve', type: 'User' };
    patch(p);
  });
}

describe('a re-run asked for by someone without write access', () => {
  it('evaluates afresh and passes only on the approvals there are', async () => {
    const h = await harness({ permissions: { eve: 'read' } });
    const rerun = signoffCheckRunByEve(h);
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h).at(-1)).toMatchObject({ conclusion: 'action_required' });

    approve(h, 'olivia', 1);
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h).at(-1)).toMatchObject({ conclusion: 'success' });
  });
});

describe("a check run's requested action", () => {
  it('does nothing: the app offers no actions, so none can be asked for by anyone', async () => {
    const h = await harness({ permissions: { eve: 'read' } });
    const before = h.gh.writes().length;
    const action = signoffCheckRunByEve(h, (p) => {
      p.action = 'requested_action';
      p.requested_action = { identifier: 'approve' };
    });
    await h.deliver('check_run', action);
    await h.idle();
    expect(h.gh.writes()).toHaveLength(before);
    expect(signoffRuns(h).filter((r) => r.conclusion === 'success')).toEqual([]);
  });
});

describe('an approval given on a commit no longer in the pull request', () => {
  it('does not count when that commit cannot be read any more', async () => {
    const h = await harness();
    const gone = '0123456789abcdef0123456789abcdef01234567';
    // GitHub no longer serves the commit (force-pushed away and collected).
    nock('https://api.github.com')
      .get(`/repos/acme/shop/git/trees/${gone}`)
      .query(true)
      .reply(404, { message: 'Not Found' });
    approveCommit(h, 'olivia', 1, gone);
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    const run = signoffRuns(h).at(-1)!;
    expect(run.conclusion).toBe('action_required');
    expect(run.output!.summary).toContain('approve the head commit');
  });
});
