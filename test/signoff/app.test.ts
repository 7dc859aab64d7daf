/**
 * The "Blueprint sign-off" check in the Probot app, end to end: webhook payloads in, GitHub mocked
 * with nock (network disabled), the check run and review requests asserted.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { runSignoff } from '../../src/app/signoff-job.js';
import { payload } from '../app/support/fake-github.js';
import { freePort } from '../app/support/redis-server.js';
import { MARKING_ATTEMPTS } from '../../src/app/queue-give-up.js';
import {
  approve,
  approveCommit,
  BOT,
  deliverApproval,
  deliverReview,
  dismiss,
  harness,
  labeledEvent,
  membershipEvent,
  reviewCheckDone,
  reviewEvent,
  signoffRuns,
  useSignoffApp,
} from './support/signoff-app.js';

useSignoffApp();

describe('Blueprint sign-off check', () => {
  it('passes once the contract owner approves, and records who approved which SHA', async () => {
    const h = await harness();
    await deliverApproval(h, 'olivia', 1);

    const [run] = signoffRuns(h);
    expect(signoffRuns(h)).toHaveLength(1);
    expect(run).toMatchObject({ head_sha: h.headSha, status: 'completed', conclusion: 'success' });
    expect(run!.output!.title).toBe('Signed off: 1 rule satisfied');
    expect(run!.output!.summary).toContain(
      `@olivia approved \`${h.headSha}\` as \`@acme/orders\` under \`contract-owner\``,
    );
    expect(h.gh.writes()).toEqual(['POST /repos/acme/shop/check-runs']);
  });

  it('waits with action_required, says who is missing, and requests the review once across redeliveries', async () => {
    const h = await harness();
    const event = reviewEvent(h, 'eve', 'approved');
    approve(h, 'eve', 1);
    await h.deliver('pull_request_review', event);
    await h.idle();
    await h.deliver('pull_request_review', event); // the same delivery again
    await h.idle();

    const runs = signoffRuns(h);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(runs[0]!.output!.summary).toContain(
      'Still needs: 1 approval from `@acme/orders` (contract orders-api — contract orders-api changes without breaking its consumers; rule contract-owner)',
    );
    expect(runs[0]!.output!.summary).toContain("`@eve`'s approval does not count");
    // The redelivery evaluates again; the same verdict is not written twice, nor the request.
    expect(h.gh.writes()).toEqual([
      'POST /repos/acme/shop/check-runs',
      'POST /repos/acme/shop/pulls/7/requested_reviewers',
    ]);
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/requested_reviewers')[0]!.body).toEqual({
      reviewers: [],
      team_reviewers: ['orders'],
    });
  });

  it('does not request again after GitHub cleared the team request when a member reviewed', async () => {
    const h = await harness({
      events: [{ event: 'review_requested', actor: { login: BOT }, requested_team: { slug: 'orders' } }],
    });
    await deliverReview(h, 'oscar', 1, 'COMMENTED');
    expect(h.gh.writes()).toEqual(['POST /repos/acme/shop/check-runs']);
    expect(signoffRuns(h)[0]!.conclusion).toBe('action_required');
  });

  it('fails while a designated approver requests changes, even after another approval', async () => {
    const h = await harness();
    approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
    await deliverApproval(h, 'olivia', 2);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Blocked: @oscar requested changes' },
    });
    expect(run!.output!.summary).toContain('The gate stays blocked until @oscar approves');
  });

  it('stays blocked when the author dismisses the change request; a dismissal by an admin lifts it', async () => {
    const h = await harness();
    approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
    approve(h, 'olivia', 2);
    dismiss(h, 1, 'mallory'); // mallory opened the pull request
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'dismissed', 'dismissed', 'mallory'));
    await h.idle();
    expect(signoffRuns(h)).toMatchObject([
      { conclusion: 'failure', output: { title: 'Blocked: @oscar requested changes' } },
    ]);
    expect(signoffRuns(h)[0]!.output!.summary).toContain(
      '`@oscar` requested changes; the review was dismissed but still blocks: `@mallory` dismissed it, and is the author of this pull request.',
    );

    // The same review, dismissed again by someone who did not write or push the change.
    h.gh.pull(7).events.splice(0);
    h.gh.pull(7).reviews[0]!.state = 'CHANGES_REQUESTED';
    dismiss(h, 1, 'admin');
    await h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'dismissed', 'dismissed', 'admin'));
    await h.idle();
    expect(signoffRuns(h)).toMatchObject([{ conclusion: 'success' }]);
  });

  it('does not count an approval whose team lookup fails with a 5xx, and explains it', async () => {
    const h = await harness({ failingTeams: ['orders'] });
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run!.conclusion).toBe('action_required');
    expect(run!.output!.summary).toContain('membership could not be checked');
    expect(run!.output!.summary).toContain('502');
  });

  it('does not count an approval from a member invited to the owning team who has not accepted', async () => {
    // GitHub answers the membership of an invitation not yet accepted with `state: pending`: such a
    // user has none of the team's access yet, and is not its member for the gate either.
    const h = await harness({ pendingMembers: { orders: ['pat'] } });
    await deliverApproval(h, 'pat', 1);
    const [run] = signoffRuns(h);
    expect(run!.conclusion).not.toBe('success');
    expect(run!.output!.summary).not.toContain('@pat approved');
    expect(run!.output!.summary).toContain('@acme/orders');
  });

  it('says "Not evaluated" when GitHub does not answer during the evaluation, and passes on the re-run', async () => {
    const h = await harness();
    approve(h, 'olivia', 1);
    h.gh.state.failingReviews = true;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run!.output!.title).toBe('Not evaluated: GitHub did not answer (re-run this check)');
    expect(run!.output!.title).not.toMatch(/Blocked/);
    expect(run!.output!.summary).toContain("Could not read the pull request's reviews");

    h.gh.state.failingReviews = false;
    await h.deliver('pull_request_review', reviewEvent(h, 'olivia', 'approved'));
    await h.idle();
    expect(signoffRuns(h)).toHaveLength(1);
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'success' });
  });

  it('ignores reviews the app itself posts (its line comments)', async () => {
    const h = await harness();
    await h.deliver('pull_request_review', reviewEvent(h, BOT, 'commented'));
    await h.idle();
    expect(h.gh.calls).toEqual([]);
  });

  it('fails (never passes) while the Blueprint review of the head has not finished or found errors', async () => {
    const h = await harness({ checkRuns: [] });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'failure' });
    expect(signoffRuns(h)[0]!.output!.summary).toContain(
      'The "Blueprint review: main" check has not finished on',
    );

    await reviewCheckDone(h, 'main', 'signoff: {}\n', { id: 3, conclusion: 'failure' });
    await h.deliver('pull_request', labeledEvent(h, 'ready'));
    await h.idle();
    expect(signoffRuns(h)).toHaveLength(1);
    expect(signoffRuns(h)[0]!.output!.summary).toContain(
      'The "Blueprint review: main" check concluded `failure`',
    );
  });

  it('re-evaluates after the review of a new head finishes, with the review’s verdict', async () => {
    const h = await harness({ checkRuns: [] });
    approve(h, 'olivia', 1);
    const octokit = await h.probot.auth(4242);
    // What the review job hands the sign-off evaluation that follows it in the same job.
    await runSignoff(
      {
        octokit: octokit as never,
        owner: 'acme',
        repo: 'shop',
        pullNumber: 7,
        review: {
          headSha: h.headSha,
          result: {
            kind: 'completed',
            requests: 0,
            conclusion: 'success',
            config: {},
            review: {
              outcome: { kind: 'reviewed' },
              contracts: [
                {
                  id: 'orders-api',
                  blueprint: 'blueprint',
                  kind: 'document-changed',
                  changes: [],
                  problems: [],
                },
              ],
            } as never,
          },
        },
      },
      h.app.runtime()!.jobSettings.signoff!,
    );
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'success' });
  });

  it('fails closed with the reason when there is no config on the base branch', async () => {
    const h = await harness({ config: undefined });
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'failure' });
    expect(signoffRuns(h)[0]!.output!.summary).toContain(
      'There is no .github/blueprint-review.yml on the base branch',
    );
    expect(h.gh.writes()).toEqual(['POST /repos/acme/shop/check-runs']);
  });

  it('ends with the latest state when two events race for the same pull request', async () => {
    const h = await harness();
    approve(h, 'oscar', 1, 'CHANGES_REQUESTED');
    // The second review lands while the first evaluation runs: GitHub's answer changes under it.
    let reads = 0;
    const reviews = h.gh.state.reviews;
    Object.defineProperty(h.gh.state, 'reviews', {
      get() {
        reads++;
        if (reads === 2)
          reviews.push({ ...reviews[0]!, id: 2, state: 'APPROVED', submitted_at: '2025-01-01T10:02:00Z' });
        return reviews;
      },
    });
    const first = h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'changes_requested'));
    const second = h.deliver('pull_request_review', reviewEvent(h, 'oscar', 'approved'));
    await Promise.all([first, second]);
    await h.idle();
    const runs = signoffRuns(h);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).toBe('success');
    // Both evaluations ran, one after the other; the one that read the newer state wrote last.
    expect(h.gh.writes()).toEqual([
      'POST /repos/acme/shop/check-runs',
      'POST /repos/acme/shop/pulls/7/requested_reviewers',
      'PATCH /repos/acme/shop/check-runs/2001',
    ]);
    expect(
      (h.gh.find('POST', '/repos/acme/shop/check-runs')[0]!.body as { conclusion: string }).conclusion,
    ).toBe('failure');
  });

  it('does not count an approval when the permission lookup fails', async () => {
    const h = await harness({ permissions: { olivia: 'fail' } });
    await deliverApproval(h, 'olivia', 1);
    const [run] = signoffRuns(h);
    expect(run).toMatchObject({ conclusion: 'action_required' });
    expect(run!.output!.summary).toContain(
      "`@olivia`'s approval is not counted: their write access could not be checked",
    );
  });

  it("never adopts another app's check run of the same name", async () => {
    const h = await harness();
    h.gh.state.checkRuns.push({
      id: 666,
      name: 'Blueprint sign-off: main',
      head_sha: h.headSha,
      status: 'completed',
      conclusion: 'success',
      app: { id: 99 },
    });
    await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'commented'));
    await h.idle();
    expect(h.gh.writes().filter((w) => w.includes('check-runs'))).toEqual([
      'POST /repos/acme/shop/check-runs',
    ]);
    expect(h.gh.state.checkRuns.find((r) => r.id === 666)).toMatchObject({ conclusion: 'success' });
    const mine = signoffRuns(h).filter((r) => r.id !== 666);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ conclusion: 'action_required' });
  });

  it('re-evaluates when someone asks to re-run the sign-off check, and fails closed on a 5xx', async () => {
    const h = await harness();
    approve(h, 'olivia', 1);
    h.gh.state.checkRuns.push({
      id: 2000,
      name: 'Blueprint sign-off: main',
      head_sha: h.headSha,
      status: 'completed',
      conclusion: 'failure',
    });
    const rerun = payload('check_run.rerequested', (p) => {
      const run = p.check_run as { name: string; head_sha: string; pull_requests: { number: number }[] };
      run.name = 'Blueprint sign-off: main';
      run.head_sha = h.headSha;
    });
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h)).toHaveLength(1);
    expect(signoffRuns(h)[0]).toMatchObject({ id: 2000, conclusion: 'success' });

    h.gh.state.failingFiles = true;
    await h.deliver('check_run', rerun);
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ id: 2000, conclusion: 'failure' });
    expect(signoffRuns(h)[0]!.output!.title).toBe('The sign-off could not be evaluated');
    expect(signoffRuns(h)[0]!.output!.summary).toContain('502');
  });

  it('re-evaluates open pull requests when a team loses a member, and writes nothing where the verdict stands', async () => {
    const h = await harness();
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // bill leaves billing: nothing pull request 7 waits on; its check is not written again.
    const writes = h.gh.writes().length;
    h.gh.state.teams = { ...h.gh.state.teams, billing: [] };
    await h.deliver('membership', membershipEvent('removed', 'billing', 'bill'));
    await h.idle();
    expect(h.gh.writes()).toHaveLength(writes);

    // olivia leaves the owning team: her approval no longer counts, at once.
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['oscar'] };
    await h.deliver('membership', membershipEvent('removed', 'orders', 'olivia'));
    await h.idle();
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
    expect(h.gh.find('GET', '/installation/repositories')).toHaveLength(2);
  });

  it('re-evaluates the pull requests of every repository when those of another cannot be listed, and lists that one again', async () => {
    const h = await harness(
      { unreadableRepositories: ['ledger'] },
      { app: { retry: { attempts: 2, backoffMs: 1 } } },
    );
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // olivia leaves the owning team; GitHub does not answer for acme/ledger's pull requests.
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['oscar'] };
    await h.deliver('membership', membershipEvent('removed', 'orders', 'olivia'));
    await h.idle();
    // The sweep's page (src/app/sweep.ts) queued the rest, then failed and was run again for ledger,
    // and given up it read its page once more (src/app/job-handlers.ts `sweepGivenUp`) — again on each
    // later try of the give-up's marks, since GitHub only failed to answer (bounded: MARKING_ATTEMPTS).
    expect(h.gh.find('GET', '/repos/acme/ledger/pulls')).toHaveLength(2 + MARKING_ATTEMPTS);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
  });

  it('marks the sign-off delayed where the queue cannot take the evaluation after a membership change', async () => {
    const h = await harness({}, { app: { redisUrl: `redis://127.0.0.1:${await freePort()}` } });
    nock.enableNetConnect('127.0.0.1'); // the (absent) Redis
    h.gh.state.checkRuns.push({
      id: 3,
      name: 'Blueprint sign-off: main',
      head_sha: h.headSha,
      status: 'completed',
      conclusion: 'success',
    });
    h.gh.state.teams = { ...h.gh.state.teams, orders: ['oscar'] };
    await expect(h.deliver('membership', membershipEvent('removed', 'orders', 'olivia'))).rejects.toThrow();
    const run = signoffRuns(h).at(-1)!;
    expect(run).toMatchObject({ status: 'queued', output: { title: 'Sign-off delayed' } });
    expect(run.conclusion).toBeNull();
    await h.app.runtime()!.close(100);
  }, 30_000);

  it("re-evaluates the repository's open pull requests when an approver loses write access", async () => {
    const h = await harness();
    await deliverApproval(h, 'olivia', 1);
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'success' })]);

    // An admin makes olivia a reader of acme/shop: GitHub's `member.edited` names the repository.
    h.gh.state.permissions = { ...h.gh.state.permissions, olivia: 'read' };
    const downgraded = payload('member.edited', (p) => {
      p.member = { login: 'olivia', type: 'User' };
      p.sender = { login: 'admin', type: 'User' };
    });
    await h.deliver('member', downgraded);
    await h.idle();
    expect(signoffRuns(h)).toEqual([expect.objectContaining({ conclusion: 'action_required' })]);
    expect(h.gh.find('GET', '/installation/repositories')).toEqual([]);
  });
});

describe('who still has to approve is asked, in every state but success', () => {
  it('asks again, once, an approver whose approval the blueprint outdated', async () => {
    const asked = (login: string, minute: number) => ({
      event: 'review_requested',
      actor: { login: BOT },
      requested_reviewer: { login },
      created_at: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
    });
    const h = await harness({
      events: [
        asked('olivia', 0),
        { event: 'review_requested', actor: { login: BOT }, requested_team: { slug: 'orders' } },
      ],
    });
    // olivia approved the first commit; the blueprint changed after it.
    approveCommit(h, 'olivia', 1, h.gh.repo.baseSha);
    const event = reviewEvent(h, 'olivia', 'approved');
    await h.deliver('pull_request_review', event);
    await h.idle();
    await h.deliver('pull_request_review', event); // asked once, not on every event
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'action_required' });
    expect(signoffRuns(h)[0]!.output!.summary).toContain('the blueprint changed after it');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/requested_reviewers').map((c) => c.body)).toEqual([
      { reviewers: ['olivia'], team_reviewers: [] },
    ]);
  });

  it('asks the owners even while the review check fails', async () => {
    const h = await harness({
      checkRuns: [
        { id: 1, name: 'Blueprint review: main', head_sha: '', status: 'completed', conclusion: 'failure' },
      ],
    });
    h.gh.state.checkRuns[0]!.head_sha = h.headSha;
    await h.deliver('pull_request_review', reviewEvent(h, 'eve', 'commented'));
    await h.idle();
    expect(signoffRuns(h)[0]).toMatchObject({ conclusion: 'failure' });
    expect(signoffRuns(h)[0]!.output!.summary).toContain('Still needs: 1 approval from `@acme/orders`');
    expect(h.gh.find('POST', '/repos/acme/shop/pulls/7/requested_reviewers').map((c) => c.body)).toEqual([
      { reviewers: [], team_reviewers: ['orders'] },
    ]);
  });
});
