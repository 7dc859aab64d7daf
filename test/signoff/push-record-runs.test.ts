/**
 * Pushes recorded through the real app (src/adapters/github/pushes.ts: a new run per record, never a
 * record rewritten; the head's record in its verdict's write): the newest run carries the newest
 * verdict, knowing the push; a success the push ends is still withdrawn from the merge groups that
 * passed on it (invariant 12); a verdict write refused does not lose the push it carries.
 */
import { describe, expect, it } from 'vitest';
import { accountId } from '../app/support/accounts.js';
import { parsePushes } from '../../src/signoff/pushes.js';
import {
  deliverApproval,
  harness,
  OPENED_AT,
  openedRun,
  pullRequestEvent,
  pushEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

const GROUP_BASE = '9'.repeat(40);
const GROUP = 'c'.repeat(40);

describe('a push recorded on a commit that has a verdict', () => {
  it('goes on a run of its own, which gets the new verdict; the success it ends leaves the merge queue', async () => {
    const h = await harness({
      queueBranches: [{ ref: `refs/heads/gh-readonly-queue/main/pr-7-${GROUP_BASE}`, sha: GROUP }],
    });
    h.gh.state.checkRuns.push({
      id: 901,
      name: 'Blueprint sign-off: main',
      head_sha: GROUP,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Passed on #7', summary: 'passed' },
    });
    await deliverApproval(h, 'olivia', 1);
    const onHead = () => signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(onHead()).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    const [passed] = onHead();

    // olivia closes and reopens the pull request: she now counts as having pushed what it holds, so
    // her own approval no longer counts.
    await h.deliver('pull_request', pullRequestEvent(h, 'reopened', { sender: 'olivia' }));
    await h.idle();
    const runs = onHead();
    expect(runs).toHaveLength(2);
    const newest = runs.at(-1)!;
    expect(parsePushes(newest.external_id, h.headSha)).toEqual([
      { after: h.headSha, by: 'olivia', before: null, id: accountId('olivia') },
    ]);
    expect(newest).toMatchObject({ status: 'completed' });
    expect(newest.conclusion).not.toBe('success');
    expect(newest.output!.summary).toContain('olivia');
    // The older run keeps what it held (GitHub shows only the newest of a name).
    expect(runs[0]).toEqual(passed);
    expect(h.gh.state.checkRuns.find((r) => r.id === 901)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'No longer passes on #7' },
    });
    expect(h.gh.unmatched).toEqual([]);
  });

  it('is not lost when the verdict that carries it is refused: the job is retried, and records it', async () => {
    const h = await harness(
      {},
      { openedBy: null, app: { client: { sleep: async () => {} }, retry: { attempts: 3, backoffMs: 1 } } },
    );
    h.gh.state.checkRuns.unshift(openedRun(OPENED_AT, 'mallory'));
    // Every try of the first evaluation's verdict write (5) is refused.
    h.gh.state.refusedCheckWrites = 5;
    const push = pushEvent(h, 'peggy');
    await h.deliver('pull_request', push);
    await h.idle();
    expect(h.gh.state.refusedCheckWrites).toBe(0);
    const runs = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed' });
    expect(parsePushes(runs[0]!.external_id, h.headSha)).toEqual([
      { after: h.headSha, by: 'peggy', before: OPENED_AT, id: accountId('peggy') },
    ]);
    expect(runs[0]!.output!.summary).not.toContain('no record of who pushed');
    expect(h.gh.unmatched).toEqual([]);
  });
});
