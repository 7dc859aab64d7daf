/**
 * A review check must not stay green on a basis that no longer holds: a verdict is reused for its
 * head only while the base branch reads the config it was computed under. Real webhook payloads
 * through the Probot app; GitHub faked over a real git repository.
 */
import { describe, expect, it } from 'vitest';
import { payload } from '../app/support/fake-github.js';
import type { Harness } from './support/signoff-app.js';
import {
  deliverApproval,
  harness,
  pushEvent,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

/** main's config now: invalid (a limit below its minimum), so no review can pass under it. */
const TIGHT = 'limits:\n  maxFileBytes: 16\nsignoff: {}\n';

function reviewRuns(h: Harness) {
  return h.gh.state.checkRuns.filter((r) => r.name === 'Blueprint review: main' && r.head_sha === h.headSha);
}

/** The review lists its threads (none) each time it runs. */
function noThreads(h: Harness): void {
  h.gh.scope.post('/graphql').reply(200, {
    data: {
      repository: {
        pullRequest: { reviewThreads: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      },
    },
  });
}

/** GitHub's `synchronize` delivery for a force-push of the branch back to the harness's head. */
function forcePushedBack(h: Harness): Record<string, unknown> {
  return pushEvent(h, 'mallory', (p) => {
    p.forced = true;
  });
}

describe('a head reviewed before', () => {
  it('is reviewed again when the base config changed since its review', async () => {
    const h = await harness({ checkRuns: [] });
    noThreads(h);
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success']);

    // main tightens its config; the branch is then force-pushed back to the commit reviewed above.
    h.gh.state.config = TIGHT;
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success', 'failure']);
  });

  it('keeps its verdict while the base config reads the same (a redelivery, a reopen)', async () => {
    const h = await harness({ checkRuns: [] });
    noThreads(h);
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    // Reworded, not changed: the config reads the same.
    h.gh.state.config = '# the gate\nsignoff: {}\n';
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success']);
  });

  it('is reviewed again when its check does not say which config it was computed under', async () => {
    // The harness's review run: completed, success, written before the basis was recorded.
    const h = await harness();
    noThreads(h);
    h.gh.state.config = TIGHT;
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success', 'failure']);
  });
});

describe('a push that lands while the changed files are listed', () => {
  /** The head pushed meanwhile: it reverts the contract change (GitHub lists no file for it). */
  const REVERTED = 'b'.repeat(40);

  it("does not pass the sign-off of the head evaluated on the newer head's files", async () => {
    // Nobody approved the contract change of the head: its sign-off waits for the owners.
    const h = await harness({ pushDuringListing: { head: REVERTED, files: [] } });
    await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'commented'));
    await h.idle();
    const [run] = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output!.summary).toContain('while its changed files were read');
  });

  it("ends the review of the head evaluated as superseded, not with the newer head's verdict", async () => {
    const h = await harness({ checkRuns: [], pushDuringListing: { head: REVERTED, files: [] } });
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['cancelled']);
  });
});

describe('a config change pushed to the base branch', () => {
  /** `before` and `after` of GitHub's push delivery (test/fixtures/webhooks/push.json). */
  const BEFORE = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
  const AFTER = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c';

  it('reviews the open pull requests into it again: a review that passed under the old config fails', async () => {
    const h = await harness();
    noThreads(h);
    h.gh.state.configs = { main: TIGHT, [BEFORE]: 'signoff: {}\n', [AFTER]: TIGHT };
    await h.deliver(
      'push',
      payload('push', (p) => {
        for (const commit of p.commits as Record<string, unknown>[])
          commit.modified = ['.github/blueprint-review.yml'];
      }),
    );
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success', 'failure']);
  });
});

describe('a config that extends a file of another repository', () => {
  it('has its review redone before the sign-off counts it, once that file changed', async () => {
    const h = await harness({
      checkRuns: [],
      config: '_extends: .github\nsignoff: {}\n',
      orgConfig: 'signoff: {}\n',
    });
    noThreads(h);
    await h.deliver('pull_request', forcePushedBack(h));
    await h.idle();
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success']);

    // The organisation's .github changes a limit (valid, and no push to main: nothing tells the app).
    h.gh.state.orgConfig = 'limits:\n  maxFileBytes: 200000\n';
    noThreads(h);
    await deliverApproval(h, 'olivia', 1);
    // The review written under the former extension is not counted: the head is reviewed again.
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success', 'success']);
    expect(
      signoffRuns(h)
        .filter((r) => r.head_sha === h.headSha)
        .at(-1),
    ).toMatchObject({
      conclusion: 'success',
    });
  });
});

describe('a review check written under a config the base no longer has', () => {
  it('does not count for the sign-off: the head is reviewed again, under the config the base has now', async () => {
    // main's config changed and the app missed the push (a lost delivery): only an approval comes.
    const h = await harness();
    noThreads(h);
    h.gh.state.config = TIGHT;
    await deliverApproval(h, 'olivia', 1);
    expect(reviewRuns(h).map((r) => r.conclusion)).toEqual(['success', 'failure']);
    const shown = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(shown.map((r) => r.conclusion)).toEqual(['failure']);
    expect(shown[0]!.output!.summary).toContain('check could not finish on');
  });
});
