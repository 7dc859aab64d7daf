/**
 * Reviews in worker threads, against a loopback fake GitHub (a worker's requests are its own: nock in
 * this thread would not see them). The worker makes the review's requests itself, with the main
 * thread's installation token; the main thread counts them (metrics) and keeps the blob cache, so the
 * next push fetches only the blob it changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { BlobCache } from '../../src/adapters/github/file-source.js';
import type { BlueprintReviewApp } from '../../src/app/index.js';
import type { BurstRepository } from './support/burst.js';
import {
  burstRepository,
  GitHubServer,
  pushCommit,
  REVIEW_CHECK,
  until,
  webhookPayload,
} from './support/burst.js';
import type { LoopbackApp } from './support/loopback-app.js';
import { loopbackApp } from './support/loopback-app.js';
import { BLUEPRINT } from './support/shop.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
let repository: BurstRepository;
let gh: GitHubServer;
const apps: BlueprintReviewApp[] = [];

beforeAll(async () => {
  repository = burstRepository(1, 1, 2);
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
}, 30_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.runtime()?.close(0)));
  await gh?.stop();
  repository?.remove();
});

/** A fresh app (its own blob cache) with two worker threads, against the fake GitHub. */
async function startApp(): Promise<LoopbackApp> {
  const started = await loopbackApp(gh.port, { workerThreads: true, concurrency: 2, signoff: false });
  apps.push(started.app);
  return started;
}

/** Pull request `p` pushed to its head `k`; resolves with that head. */
async function push(probot: Probot, p: number, k: number): Promise<string> {
  const pull = repository.pulls[p]!;
  const head = pull.heads[k]!;
  gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
  await probot.receive({
    id: randomUUID(),
    name: 'pull_request',
    payload: webhookPayload(pull, head, k === 0 ? 'opened' : 'synchronize', repository.baseSha),
  } as Parameters<Probot['receive']>[0]);
  return head;
}

const blobReads = () => gh.requested.filter((r) => r.startsWith('GET /repos/org0/shop/git/blobs/')).length;

it('reviews in a worker thread that makes its own requests, and keeps the blobs in the main thread', async () => {
  const { app, probot } = await startApp();
  const first = await push(probot, 0, 0);
  await app.runtime()!.queue.idle();
  const run = gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === first);
  // The pull request adds a flow without a dead letter: the review fails and comments.
  expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
  expect(gh.reviews.filter((r) => r.commit_id === first)).toHaveLength(1);
  expect(gh.requested).toContain('POST /app/installations/1000/access_tokens');
  expect(gh.unknown).toEqual([]);
  const metrics = await app.runtime()!.metrics.registry.metrics();
  const counted = Number(
    /blueprint_review_github_api_calls_total\{installation="1000",status="2xx"\} (\d+)/.exec(metrics)?.[1],
  );
  // Every request of the job was counted by the main thread (the token request is the app's, not the job's).
  expect(counted).toBe(gh.requested.filter((r) => !r.startsWith('POST /app/installations/')).length);

  // The blob the head changed is in the main thread's cache, where any thread finds it.
  const blob = execFileSync('git', ['rev-parse', `${first}:${BLUEPRINT}`], {
    cwd: repository.dir,
    encoding: 'utf8',
  }).trim();
  const blobs = app.runtime()!.settings.blobs as BlobCache;
  await expect(blobs.peek(blob)).resolves.toContain('flows:');

  // The next push changes only the blueprint: one blob read, the rest from the cache.
  const readsBefore = blobReads();
  const second = await push(probot, 0, 1);
  await app.runtime()!.queue.idle();
  expect(gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === second)).toMatchObject({
    status: 'completed',
  });
  expect(blobReads() - readsBefore).toBe(1);
}, 60_000);

it('starts its worker threads from the entry it is given (the tests give the built one)', async () => {
  const loaded = path.join(mkdtempSync(path.join(tmpdir(), 'blueprint-review-entry-')), 'loaded');
  const entry = `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(loaded)}, '');`;
  const { app } = await loopbackApp(gh.port, {
    workerThreads: true,
    concurrency: 1,
    signoff: false,
    workerEntry: new URL(`data:text/javascript,${encodeURIComponent(entry)}`),
  });
  onTestFinished(() => app.runtime()?.close(0));
  await until(() => existsSync(loaded), 'a thread loaded the entry given', 30_000);
}, 60_000);

/** The nice value of each thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): Map<number, number> {
  return new Map(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [Number(tid), Number(fields[19 - 3])];
    }),
  );
}

it.runIf(process.platform === 'linux')(
  'runs its worker threads at a lower priority than the main thread, which answers webhooks',
  async () => {
    const before = threadNiceValues();
    await startApp();
    // The threads lower their priority as they start (before loading their rules and parsers, which
    // a loaded machine can take long to do): wait until both have, within the test's time.
    let lowered: number[] = [];
    while (lowered.length < 2) {
      lowered = [...threadNiceValues()]
        .filter(([tid, nice]) => !before.has(tid) && nice > 0)
        .map(([tid]) => tid);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lowered).toHaveLength(2); // concurrency 2: one thread per job
    expect(threadNiceValues().get(process.pid)).toBe(before.get(process.pid));
  },
  60_000,
);

it('a token GitHub refuses mid-review (401) is replaced, and the review run again with the new one', async () => {
  const { app, probot } = await startApp();
  const tokensBefore = gh.requested.filter((r) => r === 'POST /app/installations/1000/access_tokens').length;
  const pull = repository.pulls[0]!;
  pushCommit(repository, pull, 'pushed when the token lapses');
  // The token expired or was revoked while the review ran: GitHub refuses its next request.
  gh.refuse('GET', new RegExp(`/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}$`), 1, 401);
  const head = await push(probot, 0, pull.heads.length - 1);
  await app.runtime()!.queue.idle();
  const run = gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === head);
  expect(run).toMatchObject({ status: 'completed' });
  expect(run!.output?.title).not.toBe('The review could not finish');
  // A fresh app asks for a token once; the refusal made it ask for a second.
  expect(
    gh.requested.filter((r) => r === 'POST /app/installations/1000/access_tokens').length - tokensBefore,
  ).toBe(2);
}, 60_000);

it("a token GitHub refuses to mint (401) to every attempt: the check says it was the app's credentials", async () => {
  const { app, probot } = await loopbackApp(gh.port, {
    workerThreads: true,
    concurrency: 2,
    signoff: false,
    retry: { attempts: 2, backoffMs: 1 },
  });
  apps.push(app);
  const pull = repository.pulls[0]!;
  pushCommit(repository, pull, 'pushed while the private key is being rotated');
  // The main thread asks for the workers' token: refused to both attempts (the app's key is wrong)…
  gh.refuse('POST', /\/app\/installations\/1000\/access_tokens$/, 2, 401);
  const head = await push(probot, 0, pull.heads.length - 1);
  await app.runtime()!.queue.idle();
  // …and handed out when the job given up marks its check.
  const run = gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === head);
  expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
  const summary = run!.output!.summary!.replace(/\n\s+/g, ' ');
  expect(summary).toContain('it failed 2 times, and is not tried again');
  expect(summary).toContain("GitHub refused the app's own credentials (401");
  expect(summary).toContain("installation 1000's token");
}, 60_000);

const tokenRequests = () =>
  gh.requested.filter((r) => r === 'POST /app/installations/1000/access_tokens').length;

/** An app whose queue would try a job 3 times, with a fresh token cache (so its first job asks for one). */
async function startRetryingApp(): Promise<LoopbackApp> {
  const started = await loopbackApp(gh.port, {
    workerThreads: true,
    concurrency: 2,
    signoff: false,
    retry: { attempts: 3, backoffMs: 1 },
  });
  apps.push(started.app);
  return started;
}

it('an installation GitHub does not know (404 to its token) is not asked for again on each attempt', async () => {
  const { app, probot } = await startRetryingApp();
  const pull = repository.pulls[0]!;
  pushCommit(repository, pull, 'pushed after the app was uninstalled');
  const before = tokenRequests();
  // Refused for good (more than the queue's attempts and the give-up's marks would ask for).
  const refusal = gh.refuse('POST', /\/app\/installations\/1000\/access_tokens$/, 10, 404);
  onTestFinished(() => refusal.stop());
  await push(probot, 0, pull.heads.length - 1);
  await app.runtime()!.queue.idle();
  // One attempt, as in this thread: the review's look for its check, and its boundary's look to write
  // the failure — not the failure's write after a refused look (3 before), nor run again (the
  // installation stays unknown until someone reinstalls the app), nor given up to ask again to mark
  // the check (5 requests before c345a48: 3 attempts, each asking before the job began, and the
  // give-up's).
  expect(tokenRequests() - before).toBe(2);
}, 60_000);

it('an installation token refused (404) to the job: its check names the token and the installation', async () => {
  const { app, probot } = await startRetryingApp();
  const pull = repository.pulls[0]!;
  pushCommit(repository, pull, 'pushed while the app is being reinstalled');
  const before = tokenRequests();
  // Refused to the job's first request; handed out when the job writes its failure.
  gh.refuse('POST', /\/app\/installations\/1000\/access_tokens$/, 1, 404);
  const head = await push(probot, 0, pull.heads.length - 1);
  await app.runtime()!.queue.idle();
  const run = gh.checkRuns.find((r) => r.name === REVIEW_CHECK && r.head_sha === head);
  expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
  const summary = run!.output!.summary!.replace(/\n\s+/g, ' ');
  expect(summary).toContain('GitHub does not know installation 1000 (404 to the app');
  expect(summary).toContain('Reinstall the app');
  expect(tokenRequests() - before).toBe(2);
}, 60_000);
