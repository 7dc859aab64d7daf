/**
 * A job stuck waiting — here a GitHub request that never answers — is ended by its wall-clock budget
 * as overdue (`JobOverdue`): its worker thread is replaced and the job is retried, not given up, and
 * the retry completes the review. The check is the one run the first attempt started, adopted and
 * finished with the verdict: never a second run, never left in progress. The app in this process with
 * worker threads, against the loopback fake GitHub.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BurstRepository } from './support/burst.js';
import { burstRepository, GitHubServer, REVIEW_CHECK, webhookPayload } from './support/burst.js';
import { loopbackApp } from './support/loopback-app.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
/** The shortest budget allowed (whole seconds, the wall limit at least the CPU time), and ample CPU for one review. */
const BUDGET_SECONDS = 4;

let repository: BurstRepository;
let gh: GitHubServer;

beforeAll(async () => {
  repository = burstRepository(1, 1, 1);
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
}, 30_000);

afterAll(async () => {
  await gh?.stop();
  repository?.remove();
});

it('retries a job whose GitHub request never answers, and the retry writes the verdict on the same check', async () => {
  const { app, probot } = await loopbackApp(gh.port, {
    workerThreads: true,
    concurrency: 1,
    signoff: false,
    jobBudget: { timeoutSeconds: BUDGET_SECONDS, wallTimeoutSeconds: BUDGET_SECONDS, memoryMb: 256 },
    retry: { attempts: 2, backoffMs: 50 },
  });
  const pull = repository.pulls[0]!;
  const head = pull.heads[0]!;
  gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
  // The first listing of the pull request's files never answers; the retry's does.
  const stuck = gh.hold(/\/pulls\/\d+\/files/, { once: true });
  try {
    await probot.receive({
      id: randomUUID(),
      name: 'pull_request',
      payload: webhookPayload(pull, head, 'opened', repository.baseSha),
    } as never);
    await stuck.arrived;
    await app.runtime()!.queue.idle();
  } finally {
    stuck.release();
    await app.runtime()?.close(0);
  }
  const runs = gh.checkRuns.filter((r) => r.name === REVIEW_CHECK && r.head_sha === head);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({
    status: 'completed',
    conclusion: expect.stringMatching(/success|neutral|failure/),
  });
  expect(runs[0]!.output?.title).not.toMatch(/stopped|budget|not tried again/i);
  // The job ran twice: the stuck attempt and the retry each listed the files.
  expect(gh.requested.filter((r) => /^GET .*\/pulls\/\d+\/files/.test(r))).toHaveLength(2);
}, 60_000);
