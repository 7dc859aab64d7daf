/**
 * Without Redis, a crash loses the in-process queue; the next process finds on GitHub what was left
 * unfinished and does it. A real app process (`npm start`'s entry, one job at a time) against the
 * loopback fake GitHub is killed with SIGKILL while one review runs (its check `in_progress`), a
 * second waits in its queue (no check yet), and a third pull request shows a sign-off success that a
 * lost evaluation might have withdrawn. A new process finishes the first two reviews — adopting the
 * check left in progress, never a second one — and evaluates the third sign-off again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess, BurstRepository } from './support/burst.js';
import {
  burstRepository,
  deliver,
  GitHubServer,
  REVIEW_CHECK,
  SIGNOFF_CHECK,
  startApp,
  TEST_SPACING_ENV,
  webhookPayload,
} from './support/burst.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
const INSTALLATION = 1000;
let repository: BurstRepository;
let gh: GitHubServer;
let logs: string;
const apps: AppProcess[] = [];

beforeAll(async () => {
  logs = mkdtempSync(path.join(tmpdir(), 'blueprint-review-recovery-'));
  repository = burstRepository(1, 3, 1);
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  gh.installations.set(INSTALLATION, 'org0');
}, 30_000);

afterAll(async () => {
  await Promise.allSettled(apps.map((a) => a.stop('SIGKILL')));
  await gh?.stop();
  repository?.remove();
  if (logs) rmSync(logs, { recursive: true, force: true });
}, 30_000);

const runs = (name: string, head: string) =>
  gh.checkRuns.filter((r) => r.name === name && r.head_sha === head);

async function until(done: () => boolean, what: string, app: AppProcess, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting until ${what}:\n${readFileSync(app.logFile, 'utf8').slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a process killed without Redis', () => {
  it('leaves work that the next process finds on GitHub and finishes', async () => {
    const [running, waiting, approved] = repository.pulls as [
      (typeof repository.pulls)[0],
      (typeof repository.pulls)[0],
      (typeof repository.pulls)[0],
    ];
    const head = (pull: typeof running) => pull.heads[0]!;
    for (const pull of [running, waiting, approved])
      gh.openPull({
        owner: pull.owner,
        repo: pull.repo,
        number: pull.number,
        head: head(pull),
        branch: pull.branch,
      });
    // The third pull request was reviewed and signed off before; an evaluation asked for since (say,
    // an approval dismissed) was lost with the process.
    for (const [id, name, title] of [
      [1, REVIEW_CHECK, 'No findings'],
      [2, SIGNOFF_CHECK, 'Signed off before the crash'],
    ] as const)
      gh.checkRuns.push({
        id,
        owner: approved.owner,
        repo: approved.repo,
        name,
        head_sha: head(approved),
        status: 'completed',
        conclusion: 'success',
        output: { title, summary: title },
        createdAt: 0,
        completedAt: 0,
      });

    const first = await startApp(
      {
        githubPort: gh.port,
        concurrency: 1,
        extra: { BLUEPRINT_REVIEW_RECOVER_AT_START: 'false', ...TEST_SPACING_ENV },
      },
      logs,
    );
    apps.push(first);
    const held = gh.hold(new RegExp(`/git/trees/${head(running)}$`));
    for (const pull of [running, waiting]) {
      const payload = webhookPayload(pull, head(pull), 'opened', repository.baseSha);
      expect((await deliver(first, 'pull_request', payload)).status).toBe(200);
    }
    await held.arrived;
    await first.stop('SIGKILL');
    held.release();
    expect(runs(REVIEW_CHECK, head(running))).toMatchObject([{ status: 'in_progress' }]);
    expect(runs(REVIEW_CHECK, head(waiting))).toEqual([]);
    const requestsBefore = gh.requested.length;

    const second = await startApp({ githubPort: gh.port, concurrency: 1, extra: TEST_SPACING_ENV }, logs);
    apps.push(second);
    await until(
      () =>
        [running, waiting].every((pull) =>
          [REVIEW_CHECK, SIGNOFF_CHECK].every((name) => runs(name, head(pull))[0]?.status === 'completed'),
        ) && runs(SIGNOFF_CHECK, head(approved))[0]?.output?.title !== 'Signed off before the crash',
      'the unfinished work is done',
      second,
    );
    await until(
      () => readFileSync(second.logFile, 'utf8').includes('recovery: looked for work'),
      'the recovery reports',
      second,
    );

    // The review left in progress was adopted and finished (its findings fail it), not run twice.
    expect(runs(REVIEW_CHECK, head(running))).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
    expect(runs(REVIEW_CHECK, head(waiting))).toMatchObject([{ status: 'completed', conclusion: 'success' }]);
    for (const pull of [running, waiting]) expect(runs(SIGNOFF_CHECK, head(pull))).toHaveLength(1);
    // The finished review stands; the sign-off success was evaluated again (on the same run).
    expect(runs(REVIEW_CHECK, head(approved))).toMatchObject([{ id: 1, output: { title: 'No findings' } }]);
    expect(runs(SIGNOFF_CHECK, head(approved))).toMatchObject([{ id: 2, status: 'completed' }]);

    const summary = readFileSync(second.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('recovery: looked for work'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(summary).toMatchObject([
      { installations: 1, repositories: 1, pullRequests: 3, reviews: 2, signoffs: 1, unreadable: 0 },
    ]);
    // The scan's reads: installations, repositories, open pull requests, and one listing per head.
    const scan = gh.requested
      .slice(requestsBefore)
      .filter((r) =>
        /^GET \/(app\/installations|installation\/repositories|repos\/org0\/shop\/pulls)$/.test(r),
      );
    expect(scan).toEqual([
      'GET /app/installations',
      'GET /installation/repositories',
      'GET /repos/org0/shop/pulls',
    ]);
    expect(gh.unknown.filter((u) => !u.includes('/teams/'))).toEqual([]);
  }, 240_000);
});
