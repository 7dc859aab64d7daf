/**
 * Invariant 12 with a merge queue: a merge group's sign-off check passed on the word of the pull
 * request's (src/signoff/merge-group.ts), so when the pull request's sign-off stops passing, the
 * success on its groups still in the queue is withdrawn — before the pull request's own check is
 * rewritten, through refused writes, and never on another pull request's group or another app's run.
 */
import { describe, expect, it } from 'vitest';
import type { CheckRunState } from './support/signoff-github.js';
import {
  approve,
  deliverApproval,
  harness,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';
import type { Harness } from './support/signoff-app.js';
import { payload } from '../app/support/fake-github.js';

useSignoffApp();

const GROUP_BASE = '9'.repeat(40);
const GROUP = 'c'.repeat(40);
const OTHER_GROUP = 'd'.repeat(40);
const BEHIND_GROUP = 'e'.repeat(40);

function groupRun(id: number, headSha: string, app = 1, name = 'Blueprint sign-off: main'): CheckRunState {
  return {
    id,
    name,
    head_sha: headSha,
    status: 'completed',
    conclusion: 'success',
    output: { title: 'Passed on #7', summary: 'passed' },
    app: { id: app },
  };
}

describe('merge queues: a success that no longer holds', () => {
  it("is withdrawn from the pull request's merge groups, through refused writes", async () => {
    const h = await harness(
      {
        queueBranches: [
          { ref: `refs/heads/gh-readonly-queue/main/pr-7-${GROUP_BASE}`, sha: GROUP },
          { ref: `refs/heads/gh-readonly-queue/main/pr-70-${GROUP_BASE}`, sha: OTHER_GROUP },
          { ref: `refs/heads/gh-readonly-queue/main/pr-8-${GROUP}`, sha: BEHIND_GROUP },
        ],
        // #8's group is built on #7's and holds its changes; #70's is not.
        builtOn: [[GROUP, BEHIND_GROUP]],
      },
      { app: { client: { sleep: async () => {} }, retry: { attempts: 3, backoffMs: 1 } } },
    );
    h.gh.state.checkRuns.push(
      groupRun(901, GROUP),
      groupRun(902, OTHER_GROUP),
      groupRun(903, GROUP, 99),
      groupRun(904, BEHIND_GROUP),
    );
    await deliverApproval(h, 'olivia', 1);
    const refReads = () =>
      h.gh.calls.filter((c) => c.method === 'GET' && c.path.includes('/git/matching-refs/'));
    const onHead = () => signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(onHead()).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    // A success written on a pass reads no queue branch: only a success that is lost does.
    expect(refReads()).toEqual([]);

    approve(h, 'oscar', 2, 'CHANGES_REQUESTED');
    h.gh.state.refusedCheckWrites = 6;
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'changes_requested'));
    await h.idle();
    expect(h.gh.state.refusedCheckWrites).toBe(0);
    expect(onHead()).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    const run = (id: number) => h.gh.state.checkRuns.find((r) => r.id === id)!;
    expect(run(901)).toMatchObject({ conclusion: 'failure', output: { title: 'No longer passes on #7' } });
    expect(run(901).output!.summary).toContain('queue it again');
    // #8's group vouched for #7's changes it holds: with "Only merge non-failing pull requests" off,
    // GitHub would merge them on it alone.
    expect(run(904)).toMatchObject({ conclusion: 'failure', output: { title: '#7 ahead no longer passes' } });
    // #70's group, and another app's run of the same name, are not this pull request's to withdraw.
    expect(run(902).conclusion).toBe('success');
    expect(run(903).conclusion).toBe('success');
    // The group was withdrawn before the pull request's check was rewritten.
    const writes = h.gh.calls.filter(
      (c) => c.method === 'PATCH' && !/\/check-runs\/(901|902|903|904)$/.test(c.path),
    );
    const groupWrite = h.gh.calls.findIndex(
      (c) => c.method === 'PATCH' && c.path.endsWith('/check-runs/901'),
    );
    expect(h.gh.calls.indexOf(writes.at(-1)!)).toBeGreaterThan(groupWrite);
    expect(refReads()).toHaveLength(1);
    expect(refReads()[0]!.path).toMatch(/matching-refs\/heads(\/|%2F)gh-readonly-queue(\/|%2F)main(\/|%2F)$/);
  });

  it('keeps the pull request from passing while the groups cannot be listed, and withdraws both when it gives up', async () => {
    const h = await harness(
      { queueBranches: [{ ref: `refs/heads/gh-readonly-queue/main/pr-7-${GROUP_BASE}`, sha: GROUP }] },
      { app: { client: { sleep: async () => {} }, retry: { attempts: 3, backoffMs: 1 } } },
    );
    h.gh.state.checkRuns.push(groupRun(901, GROUP));
    await deliverApproval(h, 'olivia', 1);
    const prRun = signoffRuns(h).find((r) => r.head_sha === h.headSha)!;
    expect(prRun.conclusion).toBe('success');

    // Each of the three evaluations finds the listing down, so none replaces the pull request's
    // success (that would leave the group's standing); the job given up lists them once more.
    approve(h, 'oscar', 2, 'CHANGES_REQUESTED');
    h.gh.state.failingQueueReads = 3;
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'changes_requested'));
    await h.idle();
    expect(h.gh.state.failingQueueReads).toBe(0);
    const titles = h.gh.calls
      .filter((c) => c.path.endsWith(`/check-runs/${prRun.id}`))
      .map((c) => (c.body as { output?: { title?: string } }).output?.title);
    expect(titles.at(-1)).toBe('Not evaluated — re-run this check');
    expect(titles.filter((t) => t === 'Blocked: @oscar requested changes')).toEqual([]);
    const group = h.gh.state.checkRuns.find((r) => r.id === 901)!;
    expect(group).toMatchObject({ conclusion: 'failure', output: { title: 'No longer passes on #7' } });
  });
});

describe("merge queues: the review check's success that no longer holds", () => {
  const REVIEW = 'Blueprint review: main';
  const QUEUE = {
    queueBranches: [
      { ref: `refs/heads/gh-readonly-queue/main/pr-7-${GROUP_BASE}`, sha: GROUP },
      { ref: `refs/heads/gh-readonly-queue/main/pr-70-${GROUP_BASE}`, sha: OTHER_GROUP },
      { ref: `refs/heads/gh-readonly-queue/main/pr-8-${GROUP}`, sha: BEHIND_GROUP },
    ],
    builtOn: [[GROUP, BEHIND_GROUP]] as [string, string][],
  };

  /** A re-run of the pull request's review check (GitHub's payload), asked for by a person. */
  const rerun = (h: Harness) =>
    h.deliver(
      'check_run',
      payload('check_run.rerequested', (p) => {
        (p.check_run as { head_sha: string }).head_sha = h.headSha;
      }),
    );

  const reviewRunsOnHead = (h: Harness) =>
    h.gh.state.checkRuns.filter((r) => r.name === REVIEW && r.head_sha === h.headSha);

  it('is withdrawn from its groups and those built on them when a re-run fails under a new base config', async () => {
    const h = await harness(QUEUE, { app: { client: { sleep: async () => {} } } });
    h.gh.state.checkRuns.push(
      groupRun(901, GROUP, 1, REVIEW),
      groupRun(902, OTHER_GROUP, 1, REVIEW),
      groupRun(903, GROUP, 99, REVIEW),
      groupRun(904, BEHIND_GROUP, 1, REVIEW),
    );
    // The base branch's config changed since the review passed: it no longer reads.
    h.gh.state.config = 'signoff: [\n';
    await rerun(h);
    await h.idle();
    const run = (id: number) => h.gh.state.checkRuns.find((r) => r.id === id)!;
    expect(reviewRunsOnHead(h).at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run(901)).toMatchObject({ conclusion: 'failure', output: { title: 'No longer passes on #7' } });
    expect(run(901).output!.summary).toContain('`Blueprint review: main` passed on pull request #7');
    expect(run(904)).toMatchObject({ conclusion: 'failure', output: { title: '#7 ahead no longer passes' } });
    expect(run(902).conclusion).toBe('success');
    expect(run(903).conclusion).toBe('success');
    // The groups lost their success before the pull request's review check showed the failure.
    const prFailure = h.gh.calls.findIndex(
      (c) =>
        c.method === 'PATCH' &&
        c.path.endsWith(`/check-runs/${reviewRunsOnHead(h).at(-1)!.id}`) &&
        (c.body as { conclusion?: string }).conclusion === 'failure',
    );
    const groupWrite = h.gh.calls.findIndex(
      (c) => c.method === 'PATCH' && c.path.endsWith('/check-runs/901'),
    );
    expect(groupWrite).toBeGreaterThanOrEqual(0);
    expect(prFailure).toBeGreaterThan(groupWrite);
  });

  it('keeps the failure off the pull request until the groups are withdrawn, in the same run', async () => {
    const h = await harness(
      { ...QUEUE, failingQueueReads: 2 },
      { app: { client: { sleep: async () => {} }, retry: { attempts: 3, backoffMs: 1 } } },
    );
    h.gh.state.checkRuns.push(groupRun(901, GROUP, 1, REVIEW));
    h.gh.state.config = 'signoff: [\n';
    await rerun(h);
    await h.idle();
    expect(h.gh.state.failingQueueReads).toBe(0);
    const run = (id: number) => h.gh.state.checkRuns.find((r) => r.id === id)!;
    expect(run(901)).toMatchObject({ conclusion: 'failure', output: { title: 'No longer passes on #7' } });
    // One new run for the re-run, adopted by each retry: none left in progress.
    const runs = reviewRunsOnHead(h);
    expect(runs).toHaveLength(2);
    expect(runs.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const titles = h.gh.calls
      .filter((c) => c.method === 'PATCH' && c.path.endsWith(`/check-runs/${runs.at(-1)!.id}`))
      .map((c) => (c.body as { conclusion?: string }).conclusion);
    expect(titles).toEqual(['failure']);
  });

  it('withdraws from the groups and fails the pull request when the job is given up', async () => {
    const h = await harness(
      { ...QUEUE, failingQueueReads: 2 },
      { app: { client: { sleep: async () => {} }, retry: { attempts: 2, backoffMs: 1 } } },
    );
    h.gh.state.checkRuns.push(groupRun(901, GROUP, 1, REVIEW));
    h.gh.state.config = 'signoff: [\n';
    await rerun(h);
    await h.idle();
    expect(h.gh.state.failingQueueReads).toBe(0);
    expect(h.gh.state.checkRuns.find((r) => r.id === 901)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'No longer passes on #7' },
    });
    const runs = reviewRunsOnHead(h);
    expect(runs).toHaveLength(2);
    expect(runs.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(runs.at(-1)!.output!.summary).toContain('could not be withdrawn');
  });

  it('is left alone when the re-run passes again (no queue branch is read)', async () => {
    const h = await harness(QUEUE, { app: { client: { sleep: async () => {} } } });
    h.gh.state.checkRuns.push(groupRun(901, GROUP, 1, REVIEW));
    // The review lists its own threads (none) before it completes.
    h.gh.scope.post('/graphql').reply(200, {
      data: {
        repository: {
          pullRequest: { reviewThreads: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
        },
      },
    });
    await rerun(h);
    await h.idle();
    expect(reviewRunsOnHead(h).at(-1)).toMatchObject({ conclusion: 'success' });
    expect(h.gh.state.checkRuns.find((r) => r.id === 901)!.conclusion).toBe('success');
    expect(h.gh.calls.filter((c) => c.path.includes('/git/matching-refs/'))).toEqual([]);
  });
});
