/**
 * Replicas on one real Redis, against the loopback fake GitHub, through the faults a deployment meets:
 * a replica frozen mid-job past its lease (a long GC pause, a stopped container, a VM migration) that
 * wakes up after another replica finished its job, a replica cut off from Redis (a network partition)
 * that runs on meanwhile, and Redis restarted — without persistence, losing every queued job, and
 * with it (`appendonly yes`), losing none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnvironment, AppProcess, BurstPull, BurstRepository } from './support/burst.js';
import {
  appLogLines as logLines,
  burstRepository,
  deliver,
  pushCommit,
  queueDrained,
  REVIEW_CHECK,
  TEST_SPACING_ENV,
  until,
  webhookPayload,
} from './support/burst.js';
import type { ReplicaCluster } from './support/replica-cluster.js';
import { replicaCluster, stopReplicas } from './support/replica-cluster.js';
import { TcpProxy } from './support/tcp-proxy.js';

let cluster: ReplicaCluster;
let redis: ReplicaCluster['redis'];
let gh: ReplicaCluster['gh'];
let repository: BurstRepository;
let apps: AppProcess[];
let env: AppEnvironment;

beforeAll(async () => {
  cluster = await replicaCluster(burstRepository(1, 5, 1), 1, 'faults', TEST_SPACING_ENV);
  ({ redis, gh, repository, apps, env } = cluster);
  // The installation a recovery scan lists (its repositories: those with a pull request here).
  gh.installations.set(repository.pulls[0]!.installationId, repository.pulls[0]!.owner);
}, 60_000);

afterAll(() => cluster?.stop(), 60_000);

const started = (environment = env) => cluster.start(environment);
const runs = (name: string, head: string) => cluster.runs(name, head);

/** Requests that change something on GitHub (check runs, reviews, comments), in the order they came. */
function writes(): string[] {
  return gh.requested.filter((r) => !r.startsWith('GET ') && r !== 'POST /api/graphql');
}

/**
 * A new head on pull request `pull`, delivered to `app`; GitHub's tree of it is held (its review stops
 * there): every read of it (`all`), only the first (`first`), or none.
 */
async function pushed(
  app: AppProcess,
  pull: BurstPull,
  label: string,
  hold: 'all' | 'first' | 'none' = 'all',
) {
  const head = pushCommit(repository, pull, label);
  gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
  const treePath = new RegExp(`/git/trees/${head}$`);
  const held = hold === 'none' ? undefined : gh.hold(treePath, { once: hold === 'first' });
  const payload = webhookPayload(pull, head, 'synchronize', repository.baseSha);
  expect((await deliver(app, 'pull_request', payload)).status).toBe(200);
  const treeReads = () => gh.requested.filter((r) => treePath.test(r)).length;
  return { head, held, treeReads };
}

function reviewCompleted(head: string): boolean {
  return runs(REVIEW_CHECK, head)[0]?.status === 'completed';
}

describe('a replica frozen past its lease', () => {
  it('writes nothing once it wakes up: the replica that took its job over wrote the verdict', async () => {
    const [slow, other] = [await started(), await started()];
    // Only `slow` can take the job: `other` is stopped until the review is held midway.
    other.child.kill('SIGSTOP');
    const pull = repository.pulls[0]!;
    const { head, held, treeReads } = await pushed(slow, pull, 'frozen');
    await held!.arrived;
    expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'in_progress' }]);
    slow.child.kill('SIGSTOP');
    other.child.kill('SIGCONT');
    // Its lease runs out; the other replica takes the job over and gets as far as the tree too.
    await until(() => treeReads() === 2, 'the other replica takes the review over');
    held!.release();
    await until(() => reviewCompleted(head), 'the other replica completes the review');
    await queueDrained(other);
    const before = writes().length;
    slow.child.kill('SIGCONT');
    // The frozen replica reads the tree it asked for and goes on, until it finds its lease gone.
    await until(
      () =>
        logLines(slow).some(
          (l) => l.head === head.slice(0, 7) && /lease|finished|failed/.test(String(l.msg)),
        ),
      'the woken replica ends its job',
    );
    await queueDrained(other);
    expect(writes().slice(before)).toEqual([]);
    expect(runs(REVIEW_CHECK, head)).toMatchObject([
      { status: 'completed', conclusion: pull.findings ? 'failure' : 'success' },
    ]);
    expect(gh.reviews.filter((r) => r.commit_id === head).length).toBeLessThanOrEqual(1);
  }, 120_000);

  // The next tests run one replica of their own.
  afterAll(() => stopReplicas(apps));
});

describe('a replica cut off from Redis', () => {
  it('writes nothing once its lease lapsed, though it runs on: the replica that took its job over wrote the verdict', async () => {
    const proxy = await new TcpProxy({ host: '127.0.0.1', port: redis.port }).start();
    try {
      const cutOff = await started({ ...env, redisUrl: proxy.url });
      const other = await started();
      other.child.kill('SIGSTOP');
      const pull = repository.pulls[4]!;
      const { head, held } = await pushed(cutOff, pull, 'cut off', 'first');
      await held!.arrived;
      other.child.kill('SIGCONT');
      proxy.cut();
      // Its lease lapses; the other replica takes the job over (its read of the tree is not held).
      await until(() => reviewCompleted(head), 'the other replica completes the review');
      await queueDrained(other);
      const before = writes().length;
      // The cut-off replica gets its tree and goes on with the review, still cut off from Redis.
      held!.release();
      await until(
        () =>
          logLines(cutOff).some(
            (l) => l.head === head.slice(0, 7) && /lease|finished|failed/.test(String(l.msg)),
          ),
        'the cut-off replica ends its job',
      );
      proxy.heal();
      await queueDrained(other);
      expect(writes().slice(before)).toEqual([]);
      expect(runs(REVIEW_CHECK, head)).toMatchObject([
        { status: 'completed', conclusion: pull.findings ? 'failure' : 'success' },
      ]);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  afterAll(() => stopReplicas(apps));
});

describe('Redis restarted while jobs wait', () => {
  it('without persistence: the replica finds Redis empty and queues again what GitHub shows unfinished', async () => {
    const app = await started();
    const running = await pushed(app, repository.pulls[1]!, 'running at the restart');
    await running.held!.arrived;
    // One job at a time in this replica: this one waits in Redis behind the held review.
    const waiting = await pushed(app, repository.pulls[2]!, 'queued at the restart', 'none');
    await redis.restart({ appendonly: false });
    running.held!.release();
    await until(
      () => reviewCompleted(running.head) && reviewCompleted(waiting.head),
      'both reviews complete',
    );
    await queueDrained(app);
    for (const head of [running.head, waiting.head])
      expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(logLines(app).filter((l) => String(l.msg).startsWith('recovery: looked'))).toHaveLength(1);
  }, 120_000);

  it('with persistence (appendonly): the waiting job survives, and nothing is scanned', async () => {
    const app = apps[apps.length - 1]!;
    const scans = () => logLines(app).filter((l) => String(l.msg).startsWith('recovery: looked')).length;
    // Persistence turned on: Redis starts from an empty file, once more a loss (and a scan).
    await redis.restart({ appendonly: true });
    await until(() => scans() === 2, 'the replica scans after the switch');
    await queueDrained(app);
    const scansBefore = scans();
    const running = await pushed(app, repository.pulls[3]!, 'running at the second restart');
    await running.held!.arrived;
    const waiting = await pushed(app, repository.pulls[2]!, 'queued at the second restart', 'none');
    await redis.restart({ appendonly: true });
    running.held!.release();
    await until(
      () => reviewCompleted(running.head) && reviewCompleted(waiting.head),
      'both reviews complete',
    );
    await queueDrained(app);
    for (const head of [running.head, waiting.head])
      expect(runs(REVIEW_CHECK, head)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    expect(scans()).toBe(scansBefore);
  }, 120_000);
});
