/**
 * The committed Action bundle run as the runner runs it — `node dist/index.js` on Node 24 (action.yml
 * `runs.using: node24`), a separate process — against the fake GitHub on loopback HTTP backed by a
 * real git repository (test/app/support/github-server.ts). The in-process tests of the bundle
 * (bundled-action.test.ts) run on this machine's Node; this one runs on the Node the users' runners
 * have, fetched from the npm registry (test/support/node-release.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoCommitRepo } from '../app/support/git-repo.js';
import type { TwoCommitRepo } from '../app/support/git-repo.js';
import { GitHubServer } from '../app/support/github-server.js';
import { addEventFlowWithoutDeadLetter, DEAD_LETTER_RULE, shopFiles } from '../app/support/shop.js';
import { NODE_24, nodeRelease } from '../support/node-release.js';
import { runnerEnvironment } from './support/runner-environment.js';

const BUNDLE = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

let node24: string;
let repo: TwoCommitRepo;
let gh: GitHubServer;
let dir: string;

beforeAll(async () => {
  node24 = nodeRelease(NODE_24);
  repo = twoCommitRepo(shopFiles(), addEventFlowWithoutDeadLetter(shopFiles()));
  gh = await new GitHubServer(repo.dir, repo.baseSha, CONFIG).start();
  gh.openPull({ owner: 'acme', repo: 'shop', number: 7, head: repo.headSha, branch: 'feature' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'action-node24-'));
}, 120_000);

afterAll(async () => {
  await gh?.stop();
  repo?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `node dist/index.js` with the runner's environment for a `pull_request` event, nothing else inherited. */
function runOnNode24(): Promise<{ code: number; stdout: string; stderr: string }> {
  const runner = runnerEnvironment(dir, repo, {
    apiUrl: `http://127.0.0.1:${gh.port}/api/v3`,
    workspace: repo.dir,
  });
  const env = { PATH: process.env.PATH, ...runner.env };
  return new Promise((resolve) => {
    execFile(node24, [BUNDLE], { env, cwd: repo.dir }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the bundled Action on Node 24', () => {
  it('reviews a pull request with a new error: annotations, review, failed check, summary, outputs', async () => {
    const run = await runOnNode24();

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `::error file=blueprint/blueprint\\.yaml,line=\\d+,endLine=\\d+,title=${DEAD_LETTER_RULE}::`,
      ),
    );
    expect(gh.unknown).toEqual([]);
    expect(gh.checkRuns.map((c) => [c.name, c.head_sha, c.status, c.conclusion])).toEqual([
      ['Blueprint review: main', repo.headSha, 'completed', 'failure'],
    ]);
    expect(gh.reviews.map((r) => r.commit_id)).toEqual([repo.headSha]);
    expect(JSON.stringify(gh.reviews[0]!.comments)).toContain(DEAD_LETTER_RULE);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(DEAD_LETTER_RULE);
    expect(readFileSync(path.join(dir, 'outputs'), 'utf8')).toMatch(
      /^new-findings=[1-9]\d*\nfailing-findings=[1-9]\d*\n$/,
    );
  }, 60_000);
});
