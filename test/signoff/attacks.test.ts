/**
 * The attacks of issue 10, each tried from outside as a hurried or malicious engineer would: real
 * webhook payloads through the Probot app, GitHub faked with nock over a real git repository. Each
 * attack used to end in a false green; each test asserts the gate does not pass.
 */
import { describe, expect, it } from 'vitest';
import { guarded } from '../../src/app/job-boundary.js';
import { VerdictNotWritten } from '../../src/app/verdict-writing.js';
import { MARKING_ATTEMPTS } from '../../src/app/queue-give-up.js';
import { accountId } from '../app/support/accounts.js';
import { parsePushes } from '../../src/signoff/pushes.js';
import type { Harness } from './support/signoff-app.js';
import type { ActivityState } from './support/signoff-github.js';
import {
  approve,
  deliverApproval,
  deliverReview,
  dismiss,
  harness,
  harnessWithLaxBase,
  labeledEvent,
  LAX_CONFIG,
  OPENED_AT,
  openedRun,
  pushEvent,
  reviewCheckDone,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('attack 1: one head, two bases', () => {
  it('a success computed under the lax base config never satisfies the check main requires', async () => {
    const h = await harnessWithLaxBase('lax');
    await reviewCheckDone(h, 'lax', LAX_CONFIG);
    // eve approves the pull request into lax: the lax config is satisfied.
    await deliverReview(h, 'eve', 1, 'APPROVED', 8);
    expect(signoffRuns(h, 'lax')).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // What branch protection on main looks for: only "Blueprint sign-off: main" (see docs/signoff.md).
    const passing = (name: string) =>
      h.gh.state.checkRuns.filter(
        (r) => r.head_sha === h.headSha && r.name === name && r.conclusion === 'success',
      );
    expect(passing('Blueprint sign-off: main')).toEqual([]);
    expect(passing('Blueprint sign-off')).toEqual([]);

    // The pull request into main is judged by main's config: eve is nobody there.
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
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
    approve(h, 'olivia', 2);
    dismiss(h, 2, 'admin'); // an admin dismissed olivia's second approval
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
    await deliverApproval(h, 'oscar', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain(
      "`@oscar`'s approval does not count: `@oscar` has no write access to the repository",
    );
    expect(h.gh.find('GET', '/repos/acme/shop/collaborators/oscar/permission')).toHaveLength(1);
  });
});

describe('attack 2: push, then approve', () => {
  it('a team member who pushed a commit (no force, authorship forged) cannot approve it', async () => {
    // oscar (of the owning team) pushes the head; its author and committer say mallory and web-flow.
    const h = await harness({}, { openedBy: null });
    h.gh.state.checkRuns.unshift(openedRun(OPENED_AT, 'mallory'));
    await h.deliver('pull_request', pushEvent(h, 'oscar'));
    await h.idle();
    // The push is recorded on the head's sign-off run, where any replica reads it.
    const [run] = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(parsePushes(run!.external_id, h.headSha)).toEqual([
      { after: h.headSha, by: 'oscar', before: OPENED_AT, id: accountId('oscar') },
    ]);

    await deliverApproval(h, 'oscar', 1);
    const runs = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(runs).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
    expect(runs[0]!.output!.summary).toContain(
      "`@oscar`'s approval does not count: `@oscar` is one of those who pushed to this pull request",
    );

    // Someone who did not push can approve: the gate is not simply shut.
    await deliverApproval(h, 'olivia', 2);
    expect(signoffRuns(h).filter((r) => r.head_sha === h.headSha)).toEqual([
      expect.objectContaining({ conclusion: 'success' }),
    ]);
  });

  it('fails closed, saying how to recover, when the app never saw who pushed the head', async () => {
    const h = await harness({}, { openedBy: null });
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output!.summary).toContain(`no record of who pushed commit \`${h.headSha.slice(0, 7)}\``);
    expect(run!.output!.summary).toContain('redeliver the missed `pull_request` delivery');

    // The recovery it names: the missed delivery arrives (redelivered), and the gate passes.
    h.gh.state.checkRuns.unshift(openedRun(OPENED_AT, 'mallory'));
    await h.deliver('pull_request', pushEvent(h, 'peggy'));
    await h.idle();
    // The push went on a run of its own (a record is never rewritten); that newest run, the one
    // GitHub shows, got the verdict.
    const runs = signoffRuns(h).filter((r) => r.head_sha === h.headSha);
    expect(runs.map((r) => r.conclusion)).toEqual(['failure', 'success']);
    expect(parsePushes(runs[1]!.external_id, h.headSha)).toEqual([
      { after: h.headSha, by: 'peggy', before: OPENED_AT, id: accountId('peggy') },
    ]);
  });
});

describe('attack 2, before the pull request: pushes GitHub lists for the branch', () => {
  const NO_COMMIT = '0'.repeat(40);
  const branchActivity = (h: Harness, pusher: string): ActivityState[] => [
    {
      ref: 'refs/heads/feature',
      activity_type: 'push',
      before: OPENED_AT,
      after: h.headSha,
      actor: { login: pusher },
    },
    {
      ref: 'refs/heads/feature',
      activity_type: 'branch_creation',
      before: NO_COMMIT,
      after: OPENED_AT,
      actor: { login: 'mallory' },
    },
  ];

  it('a team member who pushed to the branch before mallory opened the pull request cannot approve it', async () => {
    // The app recorded mallory opening the pull request at the head; GitHub's activity for the
    // branch says oscar pushed that head, before the pull request existed.
    const h = await harness({}, {});
    h.gh.state.activity = branchActivity(h, 'oscar');
    await deliverApproval(h, 'oscar', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain(
      "`@oscar`'s approval does not count: `@oscar` is one of those who pushed to this pull request",
    );
    expect(h.gh.find('GET', '/repos/acme/shop/activity')).toHaveLength(1);

    await deliverApproval(h, 'olivia', 2);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
  });

  it('fills a gap in the app’s records from the branch’s activity instead of failing closed', async () => {
    // The app never saw who pushed the head (installed later); GitHub lists peggy's push.
    const h = await harness({}, { openedBy: null });
    h.gh.state.activity = branchActivity(h, 'peggy');
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
  });

  it('reads only its own records where GitHub has no activity API (older Enterprise Server)', async () => {
    const h = await harness({ activity: 404 }, { openedBy: null });
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect(run!.output!.summary).toContain(`no record of who pushed commit \`${h.headSha.slice(0, 7)}\``);
  });
});

describe('attack 5: a stale success', () => {
  const patient = { app: { client: { sleep: async () => {} }, retry: { attempts: 3, backoffMs: 1 } } };

  it('withdraws a success that no longer holds, through secondary rate limits on the update', async () => {
    const h = await harness({}, patient);
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // oscar (of the owning team) requests changes while GitHub refuses the next six check writes.
    approve(h, 'oscar', 2, 'CHANGES_REQUESTED');
    h.gh.state.refusedCheckWrites = 6;
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'changes_requested'));
    await h.idle();
    expect(h.gh.state.refusedCheckWrites).toBe(0);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    expect(signoffRuns(h)[0]!.output!.title).toBe('Blocked: @oscar requested changes');
  });

  it('keeps trying, job after job, while GitHub refuses every write', async () => {
    const h = await harness({}, patient);
    await deliverApproval(h, 'olivia', 1);
    approve(h, 'oscar', 2, 'CHANGES_REQUESTED');
    h.gh.state.refusedCheckWrites = 1_000;
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'changes_requested'));
    await h.idle();
    // 3 evaluations (the queue's attempts) × 5 writes with backoff × 2 (one wait for retry-after each),
    // then the job given up tries to replace the success with "not evaluated" (× 2), and, refused
    // for a while, tries that again later, MARKING_ATTEMPTS times in all (queue-give-up.ts).
    const updates = h.gh.find('PATCH', `/repos/acme/shop/check-runs/${signoffRuns(h)[0]!.id}`);
    expect(updates).toHaveLength(3 * 5 * 2 + MARKING_ATTEMPTS * 2);
    expect(updates.at(-1)!.body).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Not evaluated — re-run this check' },
    });
  });

  /** olivia's approval passes the check; then an admin dismisses it. */
  async function dismissedAfterSuccess(h: Harness): Promise<void> {
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    dismiss(h, h.gh.state.reviews[0]!.id, 'admin');
  }

  it('is evaluated again when the pull request could not be read for the event that ends it', async () => {
    const h = await harness({}, patient);
    await dismissedAfterSuccess(h);
    h.gh.state.failingPullReads = 1;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
  });

  it('is withdrawn when the pull request cannot be read at all for the event that ends it', async () => {
    const h = await harness({}, patient);
    await dismissedAfterSuccess(h);
    h.gh.state.failingPullReads = 1_000;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    expect(signoffRuns(h)[0]!.output!.title).toBe('Not evaluated — re-run this check');
  });

  it('is evaluated again when its own check could not be read for the event that ends it', async () => {
    const h = await harness({}, patient);
    await dismissedAfterSuccess(h);
    h.gh.state.failingCheckReads = 1;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
  });
});

describe('a verdict GitHub refuses', () => {
  it('reaches the queue (to be retried) and is logged as a success that could not be withdrawn', async () => {
    const errors: string[] = [];
    const log = { error: (_: object, message: string) => errors.push(message) };
    const refused = new VerdictNotWritten(
      'Blueprint sign-off: main',
      'a'.repeat(40),
      'success',
      'failure',
      "GitHub rate-limited the token's requests (PATCH /repos/acme/shop/check-runs/1).",
    );
    const job = guarded({
      name: 'sign-off of acme/shop#7',
      run: () => Promise.reject(refused),
      failed: (reason) => reason,
      retried: (error) => error instanceof VerdictNotWritten,
      log,
    });
    await expect(job).rejects.toBe(refused);
    expect(errors).toEqual([
      expect.stringContaining(
        '"Blueprint sign-off: main" on aaaaaaa still shows success, which no longer holds (now failure), and GitHub refused to withdraw it',
      ),
    ]);
  });
});
