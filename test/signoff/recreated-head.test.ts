/**
 * A head branch deleted and recreated under the same name, or the same pull request reopened after a
 * force-push to an unrelated history: nothing given on the old content carries over — neither an
 * approval (it covers content, invariant 2) nor a verdict (check runs belong to a commit).
 */
import { describe, expect, it } from 'vitest';
import {
  approveCommit,
  harness,
  pullRequestEvent,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('the same pull request reopened on an unrelated history', () => {
  it("counts no approval of the old content, and shows no verdict of the old head's on the new one", async () => {
    const h = await harness();
    // Before: olivia approved the old head, whose blueprint is the base's (an unrelated history since),
    // and the sign-off passed there.
    const oldHead = h.gh.repo.baseSha;
    approveCommit(h, 'olivia', 1, oldHead);
    h.gh.state.checkRuns.push({
      id: 3,
      name: 'Blueprint sign-off: main',
      head_sha: oldHead,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Signed off', summary: '' },
    });
    // mallory reopens it with the new history's head (GitHub's `reopened` delivery).
    await h.deliver('pull_request', pullRequestEvent(h, 'reopened'));
    await h.idle();
    const onHead = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(onHead.at(-1)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(onHead.at(-1)!.output!.summary).toContain(
      `approval on \`${oldHead.slice(0, 7)}\` does not count: the blueprint changed after it`,
    );

    // An approval of the new head counts.
    h.gh.state.reviews.push({
      ...h.gh.state.reviews[0]!,
      id: 2,
      commit_id: h.headSha,
      submitted_at: new Date(Date.UTC(2025, 0, 1, 10, 2)).toISOString(),
    });
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(
      signoffRuns(h)
        .filter((r) => r.head_sha === h.headSha)
        .at(-1),
    ).toMatchObject({ conclusion: 'success' });
  });
});
