/**
 * The GitHub Action as the runner runs it: the committed bundle dist/index.js, imported in this
 * process (so nock intercepts its requests) with the runner's environment — a real `pull_request`
 * payload file in GITHUB_EVENT_PATH, the token input, GITHUB_API_URL, the job summary and output
 * files. The network is disabled; every GitHub request is mocked, asserted and used exactly once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { bundleAction, BUNDLE_PATH } from '../../src/action/bundle.js';
import { FakeGitHub } from '../app/support/fake-github.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import type { TwoCommitRepo } from '../app/support/git-repo.js';
import {
  addEventFlowWithoutDeadLetter,
  BLUEPRINT,
  DEAD_LETTER_RULE,
  editReadme,
  shopFiles,
} from '../app/support/shop.js';
import type { Files } from '../app/support/shop.js';
import { runnerEnvironment } from './support/runner-environment.js';
import { loadBundle } from './support/bundle-run.js';
import { capturingStdout } from './support/stdout-capture.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';

const sarifSchema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

interface Run {
  code: number;
  stdout: string;
  summary: string;
  outputs: string;
  sarif: string | undefined;
}

const cleanups: (() => void)[] = [];
let savedEnv: NodeJS.ProcessEnv;

beforeEach(() => {
  savedEnv = { ...process.env };
  nock.disableNetConnect();
});

afterEach(() => {
  process.env = savedEnv;
  process.exitCode = 0;
  nock.cleanAll();
  nock.enableNetConnect();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function setUp(base: Files, head: Files): Promise<{ repo: TwoCommitRepo; gh: FakeGitHub }> {
  const repo = twoCommitRepo(base, head);
  const gh = new FakeGitHub(repo);
  cleanups.push(() => {
    gh.dispose();
    repo.remove();
  });
  return { repo, gh };
}

/** Runs the bundle once with the runner's environment for a `pull_request` event on `repo`. */
async function runBundle(
  repo: TwoCommitRepo,
  inputs: Record<string, string>,
  workspace?: string,
): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'action-run-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { env, summary, outputs } = runnerEnvironment(dir, repo, {
    apiUrl: 'https://api.github.com',
    workspace: workspace ?? dir,
    inputs,
  });
  Object.assign(process.env, env);
  const { value: code, stdout } = await capturingStdout(async () => (await loadBundle()).run());
  expect(process.exitCode).toBe(code);
  const sarifFile = inputs['INPUT_SARIF-FILE']
    ? path.join(workspace ?? dir, inputs['INPUT_SARIF-FILE'])
    : undefined;
  return {
    code,
    stdout,
    summary: readFileSync(summary, 'utf8'),
    outputs: readFileSync(outputs, 'utf8'),
    sarif: sarifFile && existsSync(sarifFile) ? readFileSync(sarifFile, 'utf8') : undefined,
  };
}

function expectAllRequestsUsed(gh: FakeGitHub): void {
  expect(gh.unmatched).toEqual([]);
  expect(gh.scope.pendingMocks()).toEqual([]);
}

describe('the bundled Action (dist/index.js)', () => {
  it('is up to date with the sources (run `npm run build:action`)', async () => {
    const fresh = await bundleAction(false);
    expect(
      fresh === readFileSync(BUNDLE_PATH, 'utf8'),
      'dist/index.js is stale: run `npm run build:action` and commit dist/',
    ).toBe(true);
  });

  it('reviews a pull request with a new error: comments, check run, summary, SARIF, failing step', async () => {
    const base = shopFiles();
    const head = addEventFlowWithoutDeadLetter(base);
    const { repo, gh } = await setUp(base, head);
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
    await gh.tree(repo.headSha);
    await gh.tree(repo.baseSha);
    await gh.blobs('blueprint');
    gh.threads().listReviews().createReview().updateCheck();

    // The workspace is the checked-out head (what actions/checkout gives the SARIF step).
    const run = await runBundle(repo, { 'INPUT_SARIF-FILE': 'results/blueprint.sarif' }, repo.dir);
    expectAllRequestsUsed(gh);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error file=blueprint\/blueprint\.yaml,line=\d+,endLine=\d+,title=error-handling\/async-flow-without-dead-letter::/,
    );
    expect(run.stdout).toContain('::error title=blueprint-review::The pull request brings');
    const review = gh.find('POST', '/repos/acme/shop/pulls/7/reviews')[0]!.body as {
      commit_id: string;
      comments: { path: string; body: string }[];
    };
    expect(review.commit_id).toBe(repo.headSha);
    expect(review.comments.some((c) => c.path === BLUEPRINT && c.body.includes(DEAD_LETTER_RULE))).toBe(true);
    const check = gh.find('PATCH', '/repos/acme/shop/check-runs/1001')[0]!.body as { conclusion: string };
    expect(check.conclusion).toBe('failure');

    expect(run.summary).toContain('Blueprint review');
    expect(run.summary).toContain(DEAD_LETTER_RULE);
    expect(run.outputs).toMatch(/^new-findings=[1-9]\d*\nfailing-findings=[1-9]\d*\n$/);
    const sarif = JSON.parse(run.sarif!) as { runs: { results: unknown[] }[] };
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
    const results = sarif.runs[0]!.results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const dlq = results.find((r) => r.ruleId === DEAD_LETTER_RULE)!;
    expect(dlq.locations[0]!.physicalLocation.artifactLocation.uri).toBe(BLUEPRINT);
    expect(dlq.locations[0]!.physicalLocation.region.startLine).toBe(
      head[BLUEPRINT]!.slice(0, head[BLUEPRINT]!.indexOf('id: order-shipped')).split('\n').length,
    );
  }, 120_000);

  it('passes a pull request that touches no blueprint, and honours fail-on: never', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
    // Whether a symbolic link or submodule could lead the README into a blueprint: none in either tree.
    await gh.bothTrees();
    gh.threads().updateCheck();

    const run = await runBundle(repo, { 'INPUT_FAIL-ON': 'never' });
    expectAllRequestsUsed(gh);
    expect(run.code).toBe(0);
    expect(run.outputs).toBe('new-findings=0\nfailing-findings=0\n');
    expect(run.stdout).not.toContain('::error');
    // The log says what the summary says, not "0 new finding(s), none at or above never".
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Blueprint review: No blueprint changes.');
    expect(run.summary).toContain('Blueprint review: No blueprint changes');
  }, 120_000);

  it('reads the `config` input from the base branch, never from the head', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    // Only the base-ref read of ci/review.yml is mocked: reading it at the head would be unmatched.
    gh.findCheck(repo.headSha, [], 200, null)
      .createCheck()
      .getPull()
      .config(CONFIG, 'main', 'ci/review.yml')
      .files(files)
      .compare();
    await gh.bothTrees();
    gh.threads().updateCheck();

    const run = await runBundle(repo, { INPUT_CONFIG: 'ci/review.yml', INPUT_BLUEPRINTS: 'nowhere/*' });
    expectAllRequestsUsed(gh);
    expect(run.code).toBe(0);
  }, 120_000);

  it('on a read-only token (a fork) still shows every finding, then fails naming the missing permissions', async () => {
    const base = shopFiles();
    const head = addEventFlowWithoutDeadLetter(base);
    const { repo, gh } = await setUp(base, head);
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    const refuse = { message: 'Resource not accessible by integration' };
    gh.findCheck(repo.headSha, [], 200, null);
    gh.scope.post('/repos/acme/shop/check-runs').reply(403, refuse);
    gh.getPull().config(CONFIG).files(files).compare();
    await gh.tree(repo.headSha);
    await gh.tree(repo.baseSha);
    await gh.blobs('blueprint');
    gh.threads().listReviews();
    gh.scope.post('/repos/acme/shop/pulls/7/reviews').reply(403, refuse);

    const run = await runBundle(repo, { 'INPUT_SARIF-FILE': 'results/blueprint.sarif' }, repo.dir);
    expectAllRequestsUsed(gh);
    expect(run.code).toBe(1);
    // Every new finding is a workflow annotation with file, line and rule…
    const annotations = run.stdout.match(/^::(error|warning|notice) file=[^\n]*$/gm) ?? [];
    const outputs = /^new-findings=(\d+)\nfailing-findings=(\d+)\n$/.exec(run.outputs)!;
    expect(annotations).toHaveLength(Number(outputs[1]));
    expect(run.stdout).toMatch(
      /^::error file=blueprint\/blueprint\.yaml,line=\d+,endLine=\d+,title=error-handling\/async-flow-without-dead-letter::/m,
    );
    // …the summary, the outputs and SARIF have them…
    expect(run.summary).toContain(DEAD_LETTER_RULE);
    expect(Number(outputs[2])).toBeGreaterThan(0);
    expect(validateSarif(JSON.parse(run.sarif!)) ? [] : validateSarif.errors).toEqual([]);
    // …and the step fails on one error, before the findings, that names what to grant.
    const beforeFindings = run.stdout.slice(0, run.stdout.indexOf('::error file='));
    expect(beforeFindings).toMatch(
      /^::error title=blueprint-review::blueprint-review could not post its check run or review: the token lacks `permissions:` checks: write, pull-requests: write/m,
    );
    expect(run.stdout.match(/`permissions:`/g)).toHaveLength(1);
  }, 120_000);

  it('gives every problem of an invalid config, with file and line, in the log and the summary', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull();
    gh.config('blueprints: [blueprint]\npreset: lenient\nreview: { maxLineComments: -1 }\n');
    gh.updateCheck();

    const run = await runBundle(repo, {});
    expectAllRequestsUsed(gh);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error title=blueprint-review::acme\/shop:\.github\/blueprint-review\.yml@main:2: .*preset/m,
    );
    expect(run.stdout).toMatch(
      /^::error title=blueprint-review::acme\/shop:\.github\/blueprint-review\.yml@main:3: .*maxLineComments/m,
    );
    expect(run.summary).toContain('acme/shop:.github/blueprint-review.yml@main:2');
    expect(run.summary).toContain('acme/shop:.github/blueprint-review.yml@main:3');
  }, 120_000);

  it('runs under plain `node dist/index.js` (as the runner starts it) and fails on a non-PR event', async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      execFile(
        process.execPath,
        [BUNDLE_PATH],
        {
          env: {
            PATH: process.env.PATH,
            'INPUT_GITHUB-TOKEN': 'x',
            GITHUB_EVENT_NAME: 'push',
            GITHUB_EVENT_PATH: fileURLToPath(
              new URL('../fixtures/action/pull_request.opened.json', import.meta.url),
            ),
          },
        },
        (error, out) => resolve({ stdout: out, code: error ? (error.code as number) : 0 }),
      );
    });
    expect(code).toBe(1);
    expect(stdout).toBe(
      '::error::blueprint-review reviews pull requests: run it on "pull_request" (or "pull_request_target"), not "push".\n',
    );
  });

  it('fails the step on a missing token without calling GitHub', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    const run = await runBundle(repo, { 'INPUT_GITHUB-TOKEN': '' });
    expect(gh.calls).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('::error::Input "github-token" is required.\n');
  });
});
