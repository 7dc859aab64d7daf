/**
 * A burst of signed webhooks against real app processes (`npm start`'s entry, the built app) on a
 * real Redis and the loopback fake GitHub: pull requests spread over installations, each opened and
 * then pushed to again and again, deliveries spread over the replicas. Used by the replicas test
 * (which asserts what happened) and `npm run bench` (which reports how fast).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeRepositoryId, GitHubServer } from './github-server.js';
import { testPrivateKey } from './fake-github.js';
import { addEventFlowWithoutDeadLetter, BLUEPRINT, shopFiles } from './shop.js';
import { freePort } from './redis-server.js';
import { builtEntry } from '../../support/built-app.js';

export const SECRET = 'burst-secret';
export const REVIEW_CHECK = 'Blueprint review: main';
export const SIGNOFF_CHECK = 'Blueprint sign-off: main';

export interface BurstPull {
  owner: string;
  repo: string;
  number: number;
  installationId: number;
  branch: string;
  /** One commit per push, oldest first. */
  heads: string[];
  /** Whether its blueprint change has findings (the review fails and comments). */
  findings: boolean;
}

export interface BurstRepository {
  dir: string;
  baseSha: string;
  pulls: BurstPull[];
  remove(): void;
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

/**
 * One git repository for every pull request (a branch each, `pushes` commits per branch). Every
 * commit renames the web shop in the blueprint; every fourth pull request also adds an event flow
 * without a dead letter, which the review comments on.
 */
export function burstRepository(
  installations: number,
  pullsPerInstallation: number,
  pushes: number,
): BurstRepository {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-review-burst-'));
  git(dir, ['init', '-q', '-b', 'main']);
  const base = shopFiles();
  for (const [file, text] of Object.entries(base)) {
    execFileSync('mkdir', ['-p', path.dirname(path.join(dir, file))]);
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  const baseSha = git(dir, ['rev-parse', 'HEAD']);
  const pulls: BurstPull[] = [];
  for (let i = 0; i < installations; i++)
    for (let n = 1; n <= pullsPerInstallation; n++) {
      const index = pulls.length;
      const branch = `pr-${index}`;
      const findings = index % 4 === 0;
      git(dir, ['checkout', '-q', '-b', branch, baseSha]);
      const start = findings ? addEventFlowWithoutDeadLetter(base)[BLUEPRINT]! : base[BLUEPRINT]!;
      const heads: string[] = [];
      for (let k = 0; k < pushes; k++) {
        const text = start.replace(
          '  - id: webshop\n',
          `  - id: webshop\n    name: Web shop ${index}.${k}\n`,
        );
        writeFileSync(path.join(dir, BLUEPRINT), text);
        git(dir, ['commit', '-q', '-am', `push ${k}`]);
        heads.push(git(dir, ['rev-parse', 'HEAD']));
      }
      pulls.push({
        owner: `org${i}`,
        repo: 'shop',
        number: n,
        installationId: 1000 + i,
        branch,
        heads,
        findings,
      });
    }
  git(dir, ['checkout', '-q', 'main']);
  return { dir, baseSha, pulls, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One more commit on a pull request's branch (a push after the burst); returns its SHA. */
export function pushCommit(repository: BurstRepository, pull: BurstPull, label: string): string {
  const { dir } = repository;
  git(dir, ['checkout', '-q', pull.branch]);
  const file = path.join(dir, BLUEPRINT);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/name: Web shop [^\n]*/, `name: Web shop ${label}`));
  git(dir, ['commit', '-q', '-am', label]);
  const sha = git(dir, ['rev-parse', 'HEAD']);
  git(dir, ['checkout', '-q', 'main']);
  pull.heads.push(sha);
  return sha;
}

/**
 * A tenth of GitHub's 1 s between an installation's writes, for app processes against the fake
 * GitHub: every write still waits its turn (the app's throttle runs as in production), but tests do
 * not wait out seconds per write.
 */
export const TEST_SPACING_ENV = { BLUEPRINT_REVIEW_WRITE_SPACING_MS: '100' };

export interface AppProcess {
  port: number;
  child: ChildProcess;
  logFile: string;
  /** SIGTERM (graceful) or SIGKILL; resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface AppEnvironment {
  githubPort: number;
  redisUrl?: string;
  concurrency?: number;
  extra?: Record<string, string>;
  /** Options for node itself, before the entry (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** The `node` binary (default: the one running the tests), e.g. Node 24 as the Docker image has it. */
  node?: string;
}

let privateKey: string | undefined;

/**
 * Starts the app as `npm start` does (production mode, the built entry: test/support/built-app.ts);
 * resolves once `/ping` answers.
 */
export async function startApp(env: AppEnvironment, logDir: string): Promise<AppProcess> {
  privateKey ??= testPrivateKey();
  const server = builtEntry('server');
  const port = await freePort();
  const logFile = path.join(logDir, `app-${port}.log`);
  const child = spawn(env.node ?? process.execPath, [...(env.nodeArgs ?? []), server], {
    cwd: logDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: `127.0.0.1:${env.githubPort}`,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
      BLUEPRINT_REVIEW_CONCURRENCY: String(env.concurrency ?? 2),
      ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : {}),
      ...env.extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `the app exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not answer /ping on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    child,
    logFile,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A replica's JSON log lines, as written so far. */
export function appLogLines(app: AppProcess): Record<string, unknown>[] {
  return readFileSync(app.logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Polls `predicate` until it holds; fails naming `what` after `ms`. */
export async function until(predicate: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function webhookPayload(
  pull: BurstPull,
  head: string,
  action: 'opened' | 'synchronize' | 'reopened',
  baseSha: string,
): object {
  const payload = JSON.parse(
    readFileSync(new URL(`../../fixtures/webhooks/pull_request.${action}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown> & {
    pull_request: Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> };
    repository: Record<string, unknown> & { owner: Record<string, unknown> };
  };
  payload.number = pull.number;
  payload.installation = { id: pull.installationId };
  payload.repository.id = fakeRepositoryId(pull.owner, pull.repo);
  payload.repository.name = pull.repo;
  payload.repository.full_name = `${pull.owner}/${pull.repo}`;
  payload.repository.owner.login = pull.owner;
  payload.pull_request.number = pull.number;
  payload.pull_request.head.sha = head;
  payload.pull_request.head.ref = pull.branch;
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.base.ref = 'main';
  if (action === 'synchronize') payload.after = head;
  payload.sender = { login: 'octocat', type: 'User', id: 1 };
  return payload;
}

/** Delivers one signed webhook; resolves with the HTTP status and how long the app took to answer. */
export async function deliver(
  app: AppProcess,
  name: string,
  payload: object,
  id = randomUUID(),
): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const started = performance.now();
  // One connection per delivery, as GitHub sends them: a reused keep-alive socket that the server
  // closes just as the next request is written fails with "other side closed" on a busy machine.
  const status = await new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: app.port,
        path: '/api/github/webhooks',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-github-event': name,
          'x-github-delivery': id,
          'x-hub-signature-256': signature,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  return { status, ms: performance.now() - started };
}

export interface BurstResult {
  deliveries: number;
  statuses: number[];
  webhookMs: number[];
  /** Per pull request: from the delivery of its last push to the completion of that head's check. */
  latestMs: number[];
  pingMs: number[];
  /** From the first delivery until every latest head's review check completed. */
  totalMs: number;
  reviewsRun: number;
  /** CPU time the replicas spent during the burst: their main threads, and whole processes (Linux; NaN elsewhere). */
  mainCpuMs: number;
  processCpuMs: number;
}

/**
 * CPU time of a process so far, from /proc (Linux): its main thread (the webhook server's event
 * loop) and all its threads. CPU time, unlike wall time, does not grow when other programs load the
 * machine: the figure to compare setups by on a busy host.
 */
export function cpuTimes(pid: number | undefined): { mainMs: number; processMs: number } {
  const ticks = (file: string) => {
    try {
      // Fields after the command name (which is in parentheses and may contain spaces): utime is the 14th field, stime the 15th.
      const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
    } catch {
      return NaN;
    }
  };
  if (pid === undefined) return { mainMs: NaN, processMs: NaN };
  return { mainMs: ticks(`/proc/${pid}/task/${pid}/stat`), processMs: ticks(`/proc/${pid}/stat`) };
}

/** Pushes and delivers, round after round (every pull request once per round), then waits for the checks. */
export async function runBurst(
  gh: GitHubServer,
  apps: AppProcess[],
  repository: BurstRepository,
  timeoutMs = 300_000,
): Promise<BurstResult> {
  const { pulls, baseSha } = repository;
  const started = performance.now();
  const deliveredAt = new Map<string, number>();
  const statuses: number[] = [];
  const webhookMs: number[] = [];
  const pingMs: number[] = [];
  let pinging = true;
  const cpuBefore = apps.map((app) => cpuTimes(app.child.pid));
  const pings = apps.map(async (app) => {
    while (pinging) {
      const t = performance.now();
      try {
        await (await fetch(`http://127.0.0.1:${app.port}/ping`)).arrayBuffer();
        pingMs.push(performance.now() - t);
      } catch {
        // a replica being killed
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  const rounds = Math.max(...pulls.map((p) => p.heads.length));
  for (let k = 0; k < rounds; k++) {
    await Promise.all(
      pulls.map(async (pull, i) => {
        const head = pull.heads[k];
        if (!head) return;
        gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
        deliveredAt.set(head, performance.now());
        const result = await deliver(
          apps[(i + k) % apps.length]!,
          'pull_request',
          webhookPayload(pull, head, k === 0 ? 'opened' : 'synchronize', baseSha),
        );
        statuses.push(result.status);
        webhookMs.push(result.ms);
      }),
    );
  }
  const latest = pulls.map((p) => p.heads[p.heads.length - 1]!);
  const completed = () =>
    latest.map((head) =>
      gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === head && r.status === 'completed'),
    );
  const deadline = performance.now() + timeoutMs;
  while (completed().some((r) => !r)) {
    if (performance.now() > deadline) {
      pinging = false;
      throw new Error(`not every latest head was reviewed within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const totalMs = performance.now() - started;
  const cpuAfter = apps.map((app) => cpuTimes(app.child.pid));
  const cpu = (field: 'mainMs' | 'processMs') =>
    cpuAfter.reduce((sum, after, i) => sum + after[field] - cpuBefore[i]![field], 0);
  pinging = false;
  await Promise.all(pings);
  const latestMs = completed().map((run, i) => run!.completedAt! - deliveredAt.get(latest[i]!)!);
  const reviewsRun = gh.checkRuns.filter((r) => r.name === REVIEW_CHECK).length;
  return {
    deliveries: statuses.length,
    statuses,
    webhookMs,
    latestMs,
    pingMs,
    totalMs,
    reviewsRun,
    mainCpuMs: cpu('mainMs'),
    processCpuMs: cpu('processMs'),
  };
}

/** Waits until the shared queue is empty, as one replica's `/metrics` reports it. */
export async function queueDrained(app: AppProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
    const jobs = [...text.matchAll(/^blueprint_review_queue_jobs\{state="\w+"\} (\d+)/gm)].map((m) =>
      Number(m[1]),
    );
    if (jobs.length === 3 && jobs.every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error(`the queue did not drain:\n${text.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export { GitHubServer };
