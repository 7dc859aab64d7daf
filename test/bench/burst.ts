/**
 * The app under a burst (issues 13 and 14): 300 signed deliveries over 20 pull requests in 10
 * installations (each opened, then pushed to 14 times), against real app processes on the loopback
 * fake GitHub — in process without Redis, then 1 and 2 replicas on one Redis (two jobs at a time in
 * all, as two cores allow), and once with the jobs on the main thread to show what the worker threads
 * buy. Reports delivery → completed check of each
 * latest head (p50/p95), throughput, webhook answer times and `/ping` latency while it runs.
 * Probot's throttling is on as in production (writes ≥ 1 s apart per installation). A benchmark, not
 * a test: it asserts nothing. Run alone: `npx tsx test/bench/burst.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppProcess, BurstResult } from '../app/support/burst.js';
import { burstRepository, GitHubServer, percentile, runBurst, startApp } from '../app/support/burst.js';
import { startRedis } from '../app/support/redis-server.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

interface Setup {
  label: string;
  replicas: number;
  redis: boolean;
  threads: boolean;
}

const SETUPS: Setup[] = [
  {
    label: '1 replica, in process (no Redis), jobs on the main thread',
    replicas: 1,
    redis: false,
    threads: false,
  },
  { label: '1 replica, in process (no Redis)', replicas: 1, redis: false, threads: true },
  { label: '1 replica on Redis', replicas: 1, redis: true, threads: true },
  { label: '2 replicas on Redis', replicas: 2, redis: true, threads: true },
];

async function measure(setup: Setup): Promise<BurstResult> {
  const logs = mkdtempSync(path.join(tmpdir(), 'blueprint-review-bench-'));
  const repository = burstRepository(10, 2, 15);
  const redis = setup.redis ? await startRedis() : undefined;
  const gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  const apps: AppProcess[] = [];
  try {
    const env = {
      githubPort: gh.port,
      ...(redis ? { redisUrl: redis.url } : {}),
      // The same two jobs at a time in every setup (two cores here): one replica runs two, two run one each.
      concurrency: Math.max(1, Math.floor(2 / setup.replicas)),
      extra: { BLUEPRINT_REVIEW_WORKER_THREADS: String(setup.threads), LOG_LEVEL: 'warn' },
    };
    for (let i = 0; i < setup.replicas; i++) apps.push(await startApp(env, logs));
    return await runBurst(gh, apps, repository, 600_000);
  } finally {
    await Promise.allSettled(apps.map((a) => a.stop('SIGTERM')));
    await gh.stop();
    await redis?.stop();
    repository.remove();
    rmSync(logs, { recursive: true, force: true });
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (value: number) => `${Math.round(value)} ms`;

/** Runs every setup and returns the report's lines. */
export async function burstRows(): Promise<string[]> {
  const lines = [
    'App burst: 300 deliveries over 20 pull requests (10 installations), 2 jobs at a time in all (per replica: 2 / replicas)',
    `${'setup'.padEnd(58)} ${'check p50'.padStart(9)} ${'p95'.padStart(7)} ${'total'.padStart(7)} ${'deliv/s'.padStart(8)} ${'reviews'.padStart(7)} ${'hook p95'.padStart(8)} ${'hook max'.padStart(8)} ${'/ping p95'.padStart(9)} ${'max'.padStart(7)}`,
  ];
  for (const setup of SETUPS) {
    const r = await measure(setup);
    lines.push(
      `${setup.label.padEnd(58)} ${s(percentile(r.latestMs, 50)).padStart(9)} ${s(percentile(r.latestMs, 95)).padStart(7)} ${s(r.totalMs).padStart(7)} ${(r.deliveries / (r.totalMs / 1000)).toFixed(1).padStart(8)} ${String(r.reviewsRun).padStart(7)} ${ms(percentile(r.webhookMs, 95)).padStart(8)} ${ms(Math.max(...r.webhookMs)).padStart(8)} ${ms(percentile(r.pingMs, 95)).padStart(9)} ${ms(Math.max(...r.pingMs)).padStart(7)}`,
    );
  }
  lines.push(
    'check: delivery of a pull request’s last push → its review check completed; reviews: review check runs created (older heads are mostly skipped); hook: webhook answer time; /ping polled every 50 ms on each replica during the burst.',
  );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  for (const line of await burstRows()) console.log(line);
