/**
 * The app server on Node 24, the Node of the Docker image (the rest of the suite runs on this
 * machine's Node): a real app process (`npm start`'s entry, its jobs on worker threads) against the
 * loopback fake GitHub backed by git, Node 24 fetched from the npm registry
 * (test/support/node-release.ts). One pull request with a new finding, one without: each gets its
 * review and sign-off checks, and the process logs nothing at warning level or above.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_24, nodeRelease } from '../support/node-release.js';
import type { AppProcess, BurstRepository } from './support/burst.js';
import {
  burstRepository,
  deliver,
  GitHubServer,
  REVIEW_CHECK,
  SIGNOFF_CHECK,
  startApp,
  webhookPayload,
} from './support/burst.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
let repository: BurstRepository;
let gh: GitHubServer;
let logs: string;
let app: AppProcess | undefined;

beforeAll(async () => {
  const node = nodeRelease(NODE_24);
  logs = mkdtempSync(path.join(tmpdir(), 'blueprint-review-node24-'));
  repository = burstRepository(1, 2, 1);
  gh = await new GitHubServer(repository.dir, repository.baseSha, CONFIG).start();
  gh.installations.set(1000, 'org0');
  app = await startApp({ githubPort: gh.port, concurrency: 2, node }, logs);
}, 120_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await gh?.stop();
  repository?.remove();
  if (logs) rmSync(logs, { recursive: true, force: true });
}, 30_000);

describe('the app on Node 24', () => {
  it('reviews and evaluates sign-off for each pull request, with no warning or error logged', async () => {
    const pulls = repository.pulls;
    expect(pulls.map((p) => p.findings)).toEqual([true, false]);
    for (const pull of pulls) {
      const head = pull.heads[0]!;
      gh.openPull({ owner: pull.owner, repo: pull.repo, number: pull.number, head, branch: pull.branch });
      expect(
        (await deliver(app!, 'pull_request', webhookPayload(pull, head, 'opened', repository.baseSha)))
          .status,
      ).toBe(200);
    }
    const completed = (name: string, head: string) =>
      gh.checkRuns.find((r) => r.name === name && r.head_sha === head && r.status === 'completed');
    const deadline = Date.now() + 90_000;
    while (
      !pulls.every((p) => completed(REVIEW_CHECK, p.heads[0]!) && completed(SIGNOFF_CHECK, p.heads[0]!))
    ) {
      if (Date.now() > deadline)
        throw new Error(`checks not completed:\n${readFileSync(app!.logFile, 'utf8').slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [withFinding, clean] = pulls as [(typeof pulls)[0], (typeof pulls)[0]];
    expect(completed(REVIEW_CHECK, withFinding.heads[0]!)?.conclusion).toBe('failure');
    expect(completed(REVIEW_CHECK, clean.heads[0]!)?.conclusion).toBe('success');
    // The fake serves no team lookups (the sign-off reads the approvers' teams): those 404 and count
    // as not approved, as the gate says; nothing else it asks may go unanswered.
    expect(gh.unknown.filter((request) => !/\/orgs\/[^/]+\/teams\//.test(request))).toEqual([]);

    await app!.stop('SIGTERM');
    // The process has exited; what it wrote may still be on its way through the pipe to the file.
    const flushed = Date.now() + 10_000;
    const logText = () => readFileSync(app!.logFile, 'utf8');
    while (
      !(logText().includes('finishing running jobs') && logText().endsWith('\n')) &&
      Date.now() < flushed
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logText().split('\n').filter(Boolean);
    // JSON lines are pino's; the one plain line is the shutdown notice SIGTERM prints.
    const plain = lines.filter((line) => !line.startsWith('{'));
    expect(plain).toEqual(['blueprint-review: SIGTERM: finishing running jobs (up to 25 s)']);
    const records = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    // pino levels: 40 warn, 50 error, 60 fatal.
    expect(records.filter((r) => r.level >= 40).map((r) => r.msg)).toEqual([]);
  }, 120_000);
});
