/**
 * Replicas of the app (`npm start`'s entry, real processes) on one real Redis against the loopback
 * fake GitHub, for the tests of what replicas do to each other: a burst spread over them, a replica
 * killed, frozen, cut off from Redis, or Redis restarted under them. Job locks are seconds, not the
 * production 30, so a job a replica let go of is taken over within seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppEnvironment, AppProcess, BurstPull, BurstRepository } from './burst.js';
import { deliver, GitHubServer, pushCommit, startApp, webhookPayload } from './burst.js';
import type { RedisServer } from './redis-server.js';
import { startRedis } from './redis-server.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

export interface ReplicaCluster {
  redis: RedisServer;
  gh: GitHubServer;
  repository: BurstRepository;
  /** How every replica starts unless told otherwise. */
  env: AppEnvironment;
  /** Every replica started, in order (stopped or not). */
  apps: AppProcess[];
  /** A replica started with `environment` (default `env`); its log is kept in the cluster's folder. */
  start(environment?: AppEnvironment): Promise<AppProcess>;
  /** `count` replicas started at once, listed (and added to `apps`) in the order asked for. */
  startMany(count: number): Promise<AppProcess[]>;
  /** A new head on `pull` (its `synchronize` delivered to `app`, answered 200); returns its SHA. */
  push(app: AppProcess, pull: BurstPull, label: string): Promise<string>;
  /** The runs of check `name` on `head`, oldest first. */
  runs(name: string, head: string): GitHubServer['checkRuns'];
  /** Every replica killed (a stopped one resumed first), then GitHub, Redis and the files removed. */
  stop(): Promise<void>;
}

/**
 * Starts Redis and the fake GitHub over `repository`; replicas are started by the test, with `extra`
 * settings on top of the short locks.
 */
export async function replicaCluster(
  repository: BurstRepository,
  concurrency: number,
  name: string,
  extra: Record<string, string> = {},
): Promise<ReplicaCluster> {
  const logs = mkdtempSync(path.join(tmpdir(), `blueprint-review-${name}-`));
  const redis = await startRedis();
  const gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  const env: AppEnvironment = {
    githubPort: gh.port,
    redisUrl: redis.url,
    concurrency,
    extra: {
      // A job let go of is taken over within seconds (production default: 30 s locks).
      BLUEPRINT_REVIEW_JOB_LOCK_SECONDS: '4',
      BLUEPRINT_REVIEW_STALLED_CHECK_SECONDS: '2',
      ...extra,
    },
  };
  const apps: AppProcess[] = [];
  return {
    redis,
    gh,
    repository,
    env,
    apps,
    async start(environment = env) {
      const app = await startApp(environment, logs);
      apps.push(app);
      return app;
    },
    async startMany(count) {
      const started = await Promise.all(Array.from({ length: count }, () => startApp(env, logs)));
      apps.push(...started);
      return started;
    },
    async push(app, pull, label) {
      const head = pushCommit(repository, pull, label);
      gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
      const payload = webhookPayload(pull, head, 'synchronize', repository.baseSha);
      const { status } = await deliver(app, 'pull_request', payload);
      if (status !== 200) throw new Error(`the push of ${label} was answered ${status}`);
      return head;
    },
    runs: (name, head) => gh.checkRuns.filter((r) => r.name === name && r.head_sha === head),
    async stop() {
      await stopReplicas(apps);
      await gh.stop();
      await redis.stop();
      repository.remove();
      rmSync(logs, { recursive: true, force: true });
    },
  };
}

/** Kills every replica still running, resuming first any a test left stopped (SIGSTOP). */
export async function stopReplicas(apps: readonly AppProcess[]): Promise<void> {
  for (const app of apps) app.child.kill('SIGCONT');
  await Promise.allSettled(apps.map((app) => app.stop('SIGKILL')));
}
