/**
 * Two app processes (`npm start`'s entry) on one real Redis against a loopback fake GitHub: 300 signed
 * deliveries over 20 pull requests (each opened, then pushed to 14 times in a burst), spread over both
 * replicas. Nothing is lost (every latest head has a completed review check), nothing is done twice
 * (one review check and at most one posted review per head, one sign-off check per head), the latest
 * head wins (no latest head's review was cancelled). Then one replica is killed (SIGKILL) in the
 * middle of a review, and the other finishes it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess, BurstRepository, BurstResult } from './support/burst.js';
import {
  appLogLines,
  burstRepository,
  deliver,
  pushCommit,
  queueDrained,
  REVIEW_CHECK,
  runBurst,
  SIGNOFF_CHECK,
  TEST_SPACING_ENV,
  webhookPayload,
} from './support/burst.js';
import type { ReplicaCluster } from './support/replica-cluster.js';
import { replicaCluster } from './support/replica-cluster.js';

let cluster: ReplicaCluster;
let gh: ReplicaCluster['gh'];
let repository: BurstRepository;
let apps: AppProcess[];
let burst: BurstResult;

beforeAll(async () => {
  cluster = await replicaCluster(burstRepository(10, 2, 15), 2, 'replicas', TEST_SPACING_ENV);
  ({ gh, repository, apps } = cluster);
  await cluster.startMany(2);
  burst = await runBurst(gh, apps, repository);
  await queueDrained(apps[0]!);
}, 420_000);

afterAll(() => cluster?.stop(), 60_000);

const runs = (name: string, head: string) => cluster.runs(name, head);

/**
 * A new push to pull request `p`, delivered to `runner` while `paused` is stopped (so only `runner`
 * can take the job), held once the review asks for the head's tree: its check is in progress.
 */
async function reviewHeldMidway(runner: AppProcess, paused: AppProcess, p: number, label: string) {
  const pull = repository.pulls[p]!;
  const head = pushCommit(repository, pull, label);
  gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
  const held = gh.hold(new RegExp(`/git/trees/${head}$`));
  paused.child.kill('SIGSTOP');
  const payload = webhookPayload(pull, head, 'synchronize', repository.baseSha);
  expect((await deliver(runner, 'pull_request', payload)).status).toBe(200);
  await held.arrived;
  expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'in_progress' }]);
  return { pull, head, held };
}

/** Resumes `paused`, releases the held review and waits until the review check of `head` completes. */
async function completedBy(paused: AppProcess, held: { release(): void }, head: string): Promise<void> {
  paused.child.kill('SIGCONT');
  held.release();
  const deadline = Date.now() + 90_000;
  while (runs(REVIEW_CHECK, head)[0]?.status !== 'completed') {
    if (Date.now() > deadline)
      throw new Error(`not taken over:\n${readFileSync(paused.logFile, 'utf8').slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two replicas on one Redis', () => {
  it('answers all 300 deliveries and loses none: every latest head has a completed review', () => {
    expect(burst.deliveries).toBe(300);
    expect(new Set(burst.statuses)).toEqual(new Set([200]));
    for (const pull of repository.pulls) {
      const latest = pull.heads[pull.heads.length - 1]!;
      const [review] = runs(REVIEW_CHECK, latest);
      expect(review, `${pull.owner}/${pull.repo}#${pull.number}: ${review?.output?.summary}`).toMatchObject({
        status: 'completed',
        conclusion: pull.findings ? 'failure' : 'success',
      });
      expect(runs(SIGNOFF_CHECK, latest)).toHaveLength(1);
    }
  });

  it('does nothing twice: one review check per head, at most one posted review per head', () => {
    const heads = new Set(gh.checkRuns.map((r) => r.head_sha));
    for (const head of heads) {
      expect(runs(REVIEW_CHECK, head).length, head).toBeLessThanOrEqual(1);
      expect(runs(SIGNOFF_CHECK, head).length, head).toBeLessThanOrEqual(1);
      expect(gh.reviews.filter((r) => r.commit_id === head).length, head).toBeLessThanOrEqual(1);
    }
    // Pull requests with findings got their line comments once, on the latest head.
    for (const pull of repository.pulls.filter((p) => p.findings)) {
      const latest = pull.heads[pull.heads.length - 1]!;
      expect(gh.reviews.filter((r) => r.commit_id === latest)).toHaveLength(1);
    }
    expect(gh.unknown.filter((u) => !u.includes('/teams/'))).toEqual([]);
  });

  it('lets the latest head win: older heads were skipped or stopped, never the latest', () => {
    const latest = new Set(repository.pulls.map((p) => p.heads[p.heads.length - 1]!));
    for (const run of gh.checkRuns.filter((r) => r.name === REVIEW_CHECK)) {
      expect(run.status).toBe('completed');
      if (latest.has(run.head_sha)) expect(run.conclusion).not.toBe('cancelled');
    }
    // Most superseded pushes never started: far fewer review checks than deliveries.
    expect(burst.reviewsRun).toBeLessThan(300);
  });

  it('reports health and readiness, and logs every job line with its delivery, repository, PR and head', async () => {
    for (const app of apps) {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${app.port}/readyz`)).json()).toEqual({ status: 'ready' });
    }
    const lines = apps.flatMap(appLogLines);
    const finished = lines.filter((l) => l.msg === 'review finished');
    expect(finished.length).toBeGreaterThanOrEqual(repository.pulls.length);
    for (const line of [...finished, ...lines.filter((l) => l.msg === 'review queued')])
      expect(line).toMatchObject({
        delivery: expect.any(String),
        repository: expect.stringMatching(/^org\d+\/shop$/),
        pr: expect.any(Number),
        head: expect.stringMatching(/^[0-9a-f]{7}$/),
      });
    // Who pushed each head is in the log too, one pusher per head recorded.
    const withPushers = lines.filter((l) => l.msg === 'sign-off evaluated' && Array.isArray(l.pushers));
    expect(withPushers.length).toBeGreaterThan(0);
    for (const line of withPushers) {
      const { heads, pushers } = line as { heads: unknown[]; pushers: unknown[] };
      expect(heads.length).toBe(pushers.length);
      for (const head of heads) expect(head).toMatch(/^[0-9a-f]{7}$/);
      for (const pusher of pushers) expect(pusher).toEqual(expect.any(String));
    }
  });

  it('finishes a review whose replica was killed in the middle of it', async () => {
    const [victim, survivor] = apps as [AppProcess, AppProcess];
    const { head, held } = await reviewHeldMidway(victim, survivor, 1, 'after the burst');
    await victim.stop('SIGKILL');
    await completedBy(survivor, held, head);
    expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(runs(SIGNOFF_CHECK, head).length).toBeLessThanOrEqual(1);
  }, 120_000);

  it('on SIGTERM mid-review, hands the review back after the grace period and exits; another replica finishes it', async () => {
    const survivor = apps[1]!;
    const grace = { BLUEPRINT_REVIEW_SHUTDOWN_GRACE_SECONDS: '1' };
    const { env } = cluster;
    const leaving = await cluster.start({ ...env, extra: { ...env.extra, ...grace } });
    const { pull, head, held } = await reviewHeldMidway(leaving, survivor, 2, 'before a SIGTERM');
    await leaving.stop('SIGTERM');
    expect(leaving.child.exitCode).toBe(0);
    const handedBack = appLogLines(leaving).filter((line) =>
      String(line.msg).startsWith('shutting down: review handed back'),
    );
    expect(handedBack).toMatchObject([{ head: head.slice(0, 7), pr: pull.number }]);
    expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'in_progress' }]);
    await completedBy(survivor, held, head);
    expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
  }, 120_000);

  it('exits cleanly on SIGTERM', async () => {
    const survivor = apps[1]!;
    await survivor.stop('SIGTERM');
    expect(survivor.child.exitCode).toBe(0);
  }, 60_000);
});
