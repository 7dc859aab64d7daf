/**
 * Two replicas on one real Redis against the loopback fake GitHub: the replica holding a review is
 * killed (SIGKILL) after it wrote the check run and while it posts the review's line comments — GitHub
 * took the review and the answer never came, or the request never reached GitHub. The other replica
 * finishes the review once: one check run, one conclusion, the comments posted once. And a pull
 * request retargeted while its review runs: the review for the base it left does not stand in for the
 * new base's, which gets its own check.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnvironment, AppProcess, BurstPull, BurstRepository } from './support/burst.js';
import {
  burstRepository,
  deliver,
  pushCommit,
  queueDrained,
  REVIEW_CHECK,
  SIGNOFF_CHECK,
  TEST_SPACING_ENV,
  until,
  webhookPayload,
} from './support/burst.js';
import type { ReplicaCluster } from './support/replica-cluster.js';
import { replicaCluster, stopReplicas } from './support/replica-cluster.js';

let cluster: ReplicaCluster;
let gh: ReplicaCluster['gh'];
let repository: BurstRepository;
let apps: AppProcess[];
let env: AppEnvironment;

beforeAll(async () => {
  // Pull requests 0 and 4 add a flow the review comments on (burstRepository: every fourth).
  cluster = await replicaCluster(burstRepository(1, 5, 1), 1, 'handover', TEST_SPACING_ENV);
  ({ gh, repository, apps, env } = cluster);
}, 60_000);

afterAll(() => cluster?.stop(), 60_000);

const runs = (name: string, head: string) => cluster.runs(name, head);
const reviewsOf = (head: string) => gh.reviews.filter((r) => r.commit_id === head);

describe('the replica holding a review is killed while it posts the line comments', () => {
  // Each case starts its own two: a replica left running would take the next case's job and wait on
  // the request the fake never answers.
  afterEach(() => stopReplicas(apps), 60_000);

  it.each([
    ['GitHub took the review, its answer never came', true, 0],
    ['the review never reached GitHub', false, 4],
  ])(
    '%s: the other replica finishes the review once',
    async (_, applied, p) => {
      const [victim, survivor] = [await cluster.start(env), await cluster.start(env)];
      survivor.child.kill('SIGSTOP');
      const pull = repository.pulls[p]!;
      const posted = gh.hold(new RegExp(`/pulls/${pull.number}/reviews$`), { once: true, applied });
      const head = await cluster.push(victim, pull, `killed while posting ${p}`);
      await posted.arrived;
      expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'in_progress' }]);
      await victim.stop('SIGKILL');
      survivor.child.kill('SIGCONT');
      await until(() => runs(REVIEW_CHECK, head)[0]?.status === 'completed', 'the survivor completes it');
      await queueDrained(survivor);
      expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
      expect(reviewsOf(head)).toHaveLength(1);
      expect(reviewsOf(head)[0]!.comments.length).toBeGreaterThan(0);
      expect(runs(SIGNOFF_CHECK, head)).toHaveLength(1);
    },
    120_000,
  );
});

describe('a pull request retargeted while its review runs on one replica', () => {
  afterEach(() => stopReplicas(apps), 60_000);

  it('gets a review of its own for the new base; the one for the base it left completes under that name', async () => {
    const [first, second] = [await cluster.start(env), await cluster.start(env)];
    second.child.kill('SIGSTOP');
    const pull = repository.pulls[1]!;
    const head = pushCommit(repository, pull, 'retargeted midway');
    gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
    const tree = gh.hold(new RegExp(`/git/trees/${head}$`), { once: true });
    const payload = webhookPayload(pull, head, 'synchronize', repository.baseSha);
    expect((await deliver(first, 'pull_request', payload)).status).toBe(200);
    await tree.arrived;
    second.child.kill('SIGCONT');
    gh.openPull({ ...gh.pull(pull.owner, pull.repo, pull.number)!, base: 'develop' });
    expect((await deliver(second, 'pull_request', retargeted(pull, head, 'develop'))).status).toBe(200);
    tree.release();
    const developCheck = REVIEW_CHECK.replace(/main$/, 'develop');
    await until(() => runs(developCheck, head)[0]?.status === 'completed', 'the new base is reviewed');
    await queueDrained(second);
    expect(runs(developCheck, head)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed' }]);
    expect(runs(SIGNOFF_CHECK, head).filter((r) => r.conclusion === 'success')).toEqual([]);
  }, 120_000);
});

/** The `edited` delivery of `pull` (at `head`) moved to base `base` from `main`. */
function retargeted(pull: BurstPull, head: string, base: string): object {
  const payload = webhookPayload(pull, head, 'synchronize', repository.baseSha) as {
    action: string;
    changes?: object;
    pull_request: { base: { ref: string } };
  };
  payload.action = 'edited';
  payload.changes = { base: { ref: { from: 'main' }, sha: { from: repository.baseSha } } };
  payload.pull_request.base.ref = base;
  return payload;
}
