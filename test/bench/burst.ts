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
import type { RedisServer } from '../app/support/redis-server.js';
import { startRedis } from '../app/support/redis-server.js';
import { Redis } from 'ioredis';

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

interface Measured extends BurstResult {
  /** Commands Redis ran during the burst (including those inside Lua scripts), and its CPU time. */
  redisCommands: number;
  redisCpuMs: number;
  /** Requests that write (POST, PATCH, PUT, DELETE; GraphQL's are POSTs too) to the fake GitHub, by route; tokens left out. */
  writes: Map<string, number>;
}

/** The app's writes among the fake GitHub's requests, by route: each waits for the installation's write budget. */
function writesIn(requested: readonly string[]): Map<string, number> {
  const routes = new Map<string, number>();
  for (const request of requested) {
    if (request.startsWith('GET ') || /^POST \/app\/installations\/\d+\/access_tokens$/.test(request))
      continue;
    const route = request.replace(/^(\w+) \/repos\/[^/]+\/[^/]+/, '$1 ').replace(/\/\d+(?=\/|$)/g, '/:n');
    routes.set(route, (routes.get(route) ?? 0) + 1);
  }
  return routes;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + c, 0);

/** Redis's command count (every command, also those run by scripts) and CPU seconds so far. */
async function redisCounters(redis: RedisServer | undefined): Promise<{ commands: number; cpuMs: number }> {
  if (!redis) return { commands: NaN, cpuMs: NaN };
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('all');
    const commands = [...info.matchAll(/^cmdstat_\S+:calls=(\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const cpu = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
    return { commands, cpuMs: (cpu('used_cpu_sys') + cpu('used_cpu_user')) * 1000 };
  } finally {
    client.disconnect();
  }
}

async function measure(setup: Setup): Promise<Measured> {
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
    // BENCH_BURST_PROFILE=dir: a V8 CPU profile of each replica (each of its threads) into dir.
    const profile = process.env.BENCH_BURST_PROFILE;
    const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
    for (let i = 0; i < setup.replicas; i++) apps.push(await startApp({ ...env, nodeArgs }, logs));
    const before = await redisCounters(redis);
    const result = await runBurst(gh, apps, repository, 600_000);
    const after = await redisCounters(redis);
    return {
      ...result,
      writes: writesIn(gh.requested),
      redisCommands: after.commands - before.commands,
      redisCpuMs: after.cpuMs - before.cpuMs,
    };
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

/** The setups to run: all, or those whose numbers (1-based) BENCH_BURST_SETUPS lists (e.g. `2,3`). */
function selectedSetups(): Setup[] {
  const only = process.env.BENCH_BURST_SETUPS?.split(',').map(Number);
  return only ? SETUPS.filter((_, i) => only.includes(i + 1)) : SETUPS;
}

const COLUMNS: [string, number][] = [
  ['setup', 58],
  ['check p50', 9],
  ['p95', 7],
  ['total', 7],
  ['deliv/s', 8],
  ['reviews', 7],
  ['hook p95', 8],
  ['hook max', 8],
  ['/ping p95', 9],
  ['max', 7],
  ['main CPU/deliv', 14],
  ['CPU/deliv', 10],
  ['Redis cmds/deliv', 16],
  ['Redis CPU', 9],
  ['writes/review', 13],
];

function row(cells: string[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[0]![1]) : cell.padStart(COLUMNS[i]![1])))
    .join(' ');
}

/** Runs every setup and returns the report's lines. */
export async function burstRows(): Promise<string[]> {
  const lines = [
    'App burst: 300 deliveries over 20 pull requests (10 installations), 2 jobs at a time in all (per replica: 2 / replicas)',
    row(COLUMNS.map(([name]) => name)),
  ];
  const writeLines: string[] = [];
  for (const setup of selectedSetups()) {
    const r = await measure(setup);
    writeLines.push(
      `writes, ${setup.label}: ${[...r.writes].map(([route, n]) => `${route} ${(n / r.reviewsRun).toFixed(1)}`).join(', ')} (per review)`,
    );
    const perDelivery = (value: number) => (Number.isNaN(value) ? '-' : (value / r.deliveries).toFixed(1));
    lines.push(
      row([
        setup.label,
        s(percentile(r.latestMs, 50)),
        s(percentile(r.latestMs, 95)),
        s(r.totalMs),
        (r.deliveries / (r.totalMs / 1000)).toFixed(1),
        String(r.reviewsRun),
        ms(percentile(r.webhookMs, 95)),
        ms(Math.max(...r.webhookMs)),
        ms(percentile(r.pingMs, 95)),
        ms(Math.max(...r.pingMs)),
        `${perDelivery(r.mainCpuMs)} ms`,
        `${perDelivery(r.processCpuMs)} ms`,
        perDelivery(r.redisCommands),
        Number.isNaN(r.redisCpuMs) ? '-' : s(r.redisCpuMs),
        (total(r.writes) / r.reviewsRun).toFixed(1),
      ]),
    );
  }
  lines.push(
    ...writeLines,
    'check: delivery of a pull request’s last push → its review check completed; reviews: review check runs created (older heads are mostly skipped); hook: webhook answer time; /ping polled every 50 ms on each replica during the burst.',
    'CPU: CPU time (not wall time) during the burst per delivery, of the replicas’ main threads (the event loop that answers webhooks and /ping) and of the whole processes (all threads); Redis: commands run (also inside Lua scripts) and Redis’s CPU time; writes/review: POST, PATCH, PUT and DELETE requests to GitHub (check runs, reviews, comments, review requests — the writes Probot spaces ≥ 1 s apart per installation — and GraphQL, whose queries are POSTs too; tokens left out) per review check run created, by route below. Wall times depend on the machine’s load; CPU times and counts much less.',
  );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  for (const line of await burstRows()) console.log(line);
