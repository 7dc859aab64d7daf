/**
 * The safety net under every review: a job that never ends, or that eats memory without bound, is
 * stopped — its worker thread terminated and replaced — its checks fail closed saying why, it is not
 * retried, and the reviews of other pull requests go on. The app runs as `npm start` runs it (a real
 * process, worker threads, one job at a time so a stuck thread would stop everything), against the
 * loopback fake GitHub, with the in-process queue and with BullMQ on a real Redis. The hostile jobs are
 * injected by a preload that only tests load (support/budget-hook.mjs): one pull request's job loops
 * synchronously forever, another's allocates until its thread's heap is full. A third is slow but
 * legitimate: it runs on a host whose every core is busy, so it takes longer than its budget on the
 * wall clock, though not in CPU time — and the budget counts CPU time: it is reviewed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess, BurstRepository } from './support/burst.js';
import {
  appLogLines as logLines,
  burstRepository,
  deliver,
  GitHubServer,
  queueDrained,
  REVIEW_CHECK,
  SIGNOFF_CHECK,
  startApp,
  TEST_SPACING_ENV,
  until,
  webhookPayload,
} from './support/burst.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedis } from './support/redis-server.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
const HOOK = fileURLToPath(new URL('./support/budget-hook.mjs', import.meta.url));
/** CPU seconds: tiny next to the default ten minutes, ample for the fake GitHub's reviews of the other pull request. */
const TIMEOUT_SECONDS = 3;
/** What the slow job spends besides its review, under its budget but (on the busy host) not on the wall clock. */
const SLOW_CPU_MS = 1_200;
const MEMORY_MB = 256;
// Pull requests 1 to 3 of one installation (burstRepository: none of them adds findings but the first).
const HANG = 1;
const HOG = 2;
/** Slow on a busy host, and fine: it is reviewed. */
const FINE = 3;

let redis: RedisServer;
let repository: BurstRepository;
let logs: string;

beforeAll(async () => {
  logs = mkdtempSync(path.join(tmpdir(), 'blueprint-review-budget-'));
  repository = burstRepository(1, 3, 1);
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  repository?.remove();
  if (logs) rmSync(logs, { recursive: true, force: true });
});

const backends: [string, () => Record<string, string>][] = [
  ['in process', () => ({})],
  ['BullMQ on Redis', () => ({ REDIS_URL: redis.url })],
];

describe.each(backends)('a job past its budget (%s)', (_label, backendEnv) => {
  it('is stopped, its checks fail closed and say why, it is not retried, and the next pull request is reviewed', async () => {
    const gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
    const runsFile = path.join(logs, `runs-${_label.replace(/\W+/g, '-')}.jsonl`);
    const slowFile = path.join(logs, `slow-${_label.replace(/\W+/g, '-')}.txt`);
    let app: AppProcess | undefined;
    try {
      app = await startApp(
        {
          githubPort: gh.port,
          concurrency: 1,
          nodeArgs: ['--require', HOOK],
          extra: {
            // The wall-clock limit is the default, three times this: the slow job, which the busy
            // host keeps from the CPU, runs past it on the wall clock, though not while waiting.
            BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
            BLUEPRINT_REVIEW_WORKER_MEMORY_MB: String(MEMORY_MB),
            TEST_HANG_PULL: String(HANG),
            TEST_HOG_PULL: String(HOG),
            TEST_RUNS_FILE: runsFile,
            TEST_SLOW_PULL: String(FINE),
            TEST_SLOW_CPU_MS: String(SLOW_CPU_MS),
            TEST_SLOW_FILE: slowFile,
            ...TEST_SPACING_ENV,
            ...backendEnv(),
          },
        },
        logs,
      );
      const heads = new Map<number, string>();
      // One at a time, in this order: the hanging job first, so with one thread every later job waits for its stop.
      for (const number of [HANG, HOG, FINE]) {
        const pull = repository.pulls.find((p) => p.number === number)!;
        const head = pull.heads[0]!;
        heads.set(number, head);
        gh.openPull({ owner: pull.owner, repo: pull.repo, number, head, branch: pull.branch });
        const { status } = await deliver(
          app,
          'pull_request',
          webhookPayload(pull, head, 'opened', repository.baseSha),
        );
        expect(status).toBe(200);
      }
      const runs = (name: string, number: number) =>
        gh.checkRuns.filter((r) => r.name === name && r.head_sha === heads.get(number));
      const completed = (name: string, number: number) =>
        runs(name, number).some((r) => r.status === 'completed');
      await until(
        () => [HANG, HOG, FINE].every((n) => completed(REVIEW_CHECK, n) && completed(SIGNOFF_CHECK, n)),
        'every pull request has its checks',
        240_000,
      );
      await queueDrained(app);

      // The thread was replaced twice over: the pull request after them was reviewed and evaluated —
      // though on the busy host its job ran longer than the whole budget on the wall clock: the
      // budget counts CPU time.
      expect(runs(REVIEW_CHECK, FINE)).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
      const slowWallMs = Number(readFileSync(slowFile, 'utf8').trim());
      expect(slowWallMs).toBeGreaterThan(TIMEOUT_SECONDS * 1000);
      // The job that never ended: stopped, and the review check says so — failure, never left in progress.
      expect(runs(REVIEW_CHECK, HANG)).toMatchObject([
        {
          status: 'completed',
          conclusion: 'failure',
          output: { title: `Stopped after ${TIMEOUT_SECONDS} seconds of CPU time` },
        },
      ]);
      const hangSummary = runs(REVIEW_CHECK, HANG)[0]!.output!.summary!;
      expect(hangSummary).toContain(`The review was stopped after ${TIMEOUT_SECONDS} seconds of CPU time`);
      expect(hangSummary).toContain('takes unbounded time to check');
      expect(hangSummary).toContain('BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS');
      // The job that ate its thread's heap: the same path.
      expect(runs(REVIEW_CHECK, HOG)).toMatchObject([
        {
          status: 'completed',
          conclusion: 'failure',
          output: { title: `Stopped: out of memory (${MEMORY_MB} MB)` },
        },
      ]);
      // The sign-off does not pass on either head: not evaluated, it fails.
      for (const n of [HANG, HOG])
        expect(runs(SIGNOFF_CHECK, n)).toMatchObject([
          {
            status: 'completed',
            conclusion: 'failure',
            output: { title: 'Not evaluated — re-run this check' },
          },
        ]);
      // Its sign-off was evaluated (it waits for an approval, the fake GitHub's teams being empty).
      expect(runs(SIGNOFF_CHECK, FINE)).toMatchObject([
        { status: 'completed', output: { summary: expect.stringContaining('Still needs: 1 approval') } },
      ]);

      // Every thread, the two that replaced the stopped ones too, loaded the contract parsers before
      // it took a job: no job's budget paid seconds of CPU for them.
      const handed = readFileSync(runsFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { pull: number });
      expect(handed.length).toBeGreaterThanOrEqual(3);
      // The slow job ran once: past three times its CPU budget on the wall clock, it was not ended
      // as overdue (and tried again), since all that time it was ready to run, not waiting.
      expect(handed.filter((job) => job.pull === FINE)).toHaveLength(1);
      expect(handed).toEqual(
        handed.map(() => ({
          pull: expect.any(Number),
          parsers: ['@apidevtools/swagger-parser', '@asyncapi/parser'],
        })),
      );

      // Not retried: no retry was scheduled, each stopped once; the process lived through both.
      const lines = logLines(app);
      expect(lines.filter((l) => l.msg === 'job failed; retrying')).toEqual([]);
      expect(lines.filter((l) => l.msg === 'review given up').map((l) => l.pr)).toEqual([HANG, HOG]);
      expect(app.child.exitCode).toBeNull();
      const metrics = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
      expect(metrics).toMatch(/^blueprint_review_jobs_total\{kind="review",result="stopped"\} 2$/m);
    } finally {
      await app?.stop('SIGKILL');
      await gh.stop();
    }
  }, 360_000);
});
