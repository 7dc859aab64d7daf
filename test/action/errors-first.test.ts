/**
 * GitHub makes annotations of the first ten error commands a step prints and only logs the rest
 * (`ANNOTATIONS_PER_LEVEL`). A pull request can bring as many findings as its author likes: the
 * reason the step fails (the verdict, a write the token was refused, an invalid config, a review
 * that could not finish) must be among the errors shown, never pushed out by the findings — and
 * when there are more errors than are shown, the ones shown say so.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';
import { ANNOTATIONS_PER_LEVEL } from '../../src/report/workflow-annotations.js';
import { FakeGitHub } from '../app/support/fake-github.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import type { TwoCommitRepo } from '../app/support/git-repo.js';
import { BLUEPRINT, editReadme, ORDERS_API, shopFiles } from '../app/support/shop.js';
import type { Files } from '../app/support/shop.js';
import { runnerCommand } from '../support/actions-runner.js';
import { runBundle } from './support/bundle-run.js';

const CONFIG = 'blueprints: [blueprint]\npreset: recommended\n';
const MANY = ANNOTATIONS_PER_LEVEL + 5;

const cleanups: (() => void)[] = [];

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The head adds `MANY` event flows without a dead letter: at least that many new errors. */
function manyErrors(files: Files): Files {
  const flows = Array.from(
    { length: MANY },
    (_, i) => `  - id: order-shipped-${i}
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, operation: publishOrderCreated }
    deliveryGuarantee: at-most-once
    security: kafka-scram
`,
  );
  return { ...files, [BLUEPRINT]: files[BLUEPRINT]! + flows.join('') };
}

async function setUp(base: Files, head: Files): Promise<{ repo: TwoCommitRepo; gh: FakeGitHub }> {
  const repo = twoCommitRepo(base, head);
  const gh = new FakeGitHub(repo);
  cleanups.push(() => {
    gh.dispose();
    repo.remove();
  });
  return { repo, gh };
}

/** The messages of the error annotations GitHub shows for the step: the first ten error commands. */
function shownErrors(stdout: string): string[] {
  return stdout
    .split('\n')
    .map(runnerCommand)
    .filter((c) => c?.command === 'error')
    .map((c) => c!.data)
    .slice(0, ANNOTATIONS_PER_LEVEL);
}

function errorCount(stdout: string): number {
  return stdout.split('\n').filter((line) => runnerCommand(line)?.command === 'error').length;
}

describe('the errors the Action annotates', () => {
  it('show why the step fails however many new errors the pull request brings', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, manyErrors(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
    await gh.tree(repo.headSha);
    await gh.tree(repo.baseSha);
    await gh.blobs('blueprint');
    gh.threads().listReviews().createReview().updateCheck();

    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);
    const shown = shownErrors(run.stdout);
    expect(shown.some((m) => m.startsWith('The pull request brings'))).toBe(true);
    expect(shown.at(-1)).toMatch(/^\d+ more errors not annotated/);
    expect(errorCount(run.stdout)).toBe(ANNOTATIONS_PER_LEVEL);
  }, 60_000);

  it('show that the token was refused however many new errors the pull request brings', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, manyErrors(base));
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

    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);
    const shown = shownErrors(run.stdout);
    expect(shown.some((m) => m.includes('could not post its check run or review'))).toBe(true);
    expect(errorCount(run.stdout)).toBe(ANNOTATIONS_PER_LEVEL);
  }, 60_000);

  it('of a config that does not load say how many problems were not annotated', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull();
    const unknownKeys = Array.from({ length: MANY }, (_, i) => `no-such-key-${i}: 1\n`).join('');
    gh.config(`blueprints: [blueprint]\n${unknownKeys}`);
    gh.updateCheck();

    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);
    const shown = shownErrors(run.stdout);
    expect(shown[0]).toMatch(/^Blueprint review failed: /);
    expect(shown.at(-1)).toMatch(/^\d+ more errors not annotated/);
    expect(errorCount(run.stdout)).toBe(ANNOTATIONS_PER_LEVEL);
    // The job summary still lists every problem.
    for (let i = 0; i < MANY; i++) expect(run.summary).toContain(`no-such-key-${i}`);
  }, 60_000);

  it('of a config naming rules that do not exist say how many problems were not annotated', async () => {
    const base = shopFiles();
    const { repo, gh } = await setUp(base, editReadme(base));
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    const unknownRules = Array.from({ length: MANY }, (_, i) => `  no-such-rule-${i}: error\n`).join('');
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull();
    gh.config(`blueprints: [blueprint]\nrules:\n${unknownRules}`).files(files).compare();
    gh.updateCheck();

    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    expect(run.code).toBe(1);
    const shown = shownErrors(run.stdout);
    // Unknown rule ids are refused as the config's schema refuses any unknown key, each with its line.
    expect(shown[0]).toMatch(/^Blueprint review failed: /);
    expect(shown.at(-1)).toMatch(/^\d+ more errors not annotated/);
    expect(errorCount(run.stdout)).toBe(ANNOTATIONS_PER_LEVEL);
    for (let i = 0; i < MANY; i++) expect(run.summary).toContain(`no-such-rule-${i}`);
  }, 60_000);

  it('fail the step, as the check and the CLI fail, on a contract that could not be compared completely', async () => {
    // A JSON Schema dialect the diff does not know: its keywords were not compared, so a breaking
    // change may hide there. The finding it brings is info, below `fail-on: error`.
    const base = shopFiles();
    const head = {
      ...base,
      [ORDERS_API]: base[ORDERS_API]!.replace(
        /^openapi: 3\.1\.0\n/,
        'openapi: 3.1.0\njsonSchemaDialect: https://example.com/my-dialect\n',
      ),
    };
    expect(head[ORDERS_API]).toContain('jsonSchemaDialect');
    const { repo, gh } = await setUp(base, head);
    const files = await changedFilesBetween(repo.dir, repo.baseSha, repo.headSha);
    gh.findCheck(repo.headSha, [], 200, null).createCheck().getPull().config(CONFIG).files(files).compare();
    await gh.tree(repo.headSha);
    await gh.tree(repo.baseSha);
    await gh.blobs('blueprint');
    gh.threads().listReviews().createReview().updateCheck();

    const run = await runBundle(repo);
    expect(gh.unmatched).toEqual([]);
    const check = gh.find('PATCH', '/repos/acme/shop/check-runs/1001').at(-1)!.body as { conclusion: string };
    expect(check.conclusion).toBe('failure');
    expect(run.code).toBe(1);
    expect(shownErrors(run.stdout)[0]).toMatch(/^Contract `orders-api` could not be compared completely: /);
  }, 60_000);
});
