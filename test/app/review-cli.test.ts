/** `blueprint-review review` on local git repositories, and the README's demo. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { marked } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/version.js';
import { createDemoRepository } from '../../src/cli/review-demo.js';
import { twoCommitRepo } from './support/git-repo.js';
import { runnerCommand } from '../support/actions-runner.js';
import type { TwoCommitRepo } from './support/git-repo.js';
import type { Files } from './support/shop.js';
import {
  addEventFlowWithoutDeadLetter,
  BLUEPRINT,
  DEAD_LETTER_RULE,
  nameWebshop,
  ORDERS_API,
  removeOrderIdFromResponse,
  shopFiles,
} from './support/shop.js';

const schemaFolder = new URL('../../schemas/', import.meta.url);
const reportSchemas = new Ajv2020({ allErrors: true, strict: false });
for (const file of readdirSync(schemaFolder).filter((f) => f.endsWith('-report.schema.json')))
  reportSchemas.addSchema(JSON.parse(readFileSync(new URL(file, schemaFolder), 'utf8')) as object, file);

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

async function run(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** `blueprint-review review` of the repository's `feature` branch against `main`. */
function reviewFeature(dir: string, format?: 'json' | 'markdown' | 'github') {
  return run(['review', '--base', 'main', '--head', 'feature', ...(format ? ['--format', format] : []), dir]);
}

function repo(base = shopFiles(), head = addEventFlowWithoutDeadLetter(base)): TwoCommitRepo {
  const r = twoCommitRepo(base, head);
  cleanup.push(r.remove);
  return r;
}

describe('blueprint-review review', () => {
  it('prints the comments and verdict the bot would post, and exits 1 when the check would fail', async () => {
    const r = repo();
    const { code, stdout } = await reviewFeature(r.dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Blueprint review: .* ✗ failure$/m);
    expect(stdout).toContain('Review comments on changed lines');
    expect(stdout).toContain(DEAD_LETTER_RULE);
  });

  it('gives JSON with each new finding and where it would be posted', async () => {
    const r = repo();
    const { stdout } = await reviewFeature(r.dir, 'json');
    const json = JSON.parse(stdout);
    expect(json.conclusion).toBe('failure');
    const dlq = json.newFindings.find((f: { ruleId: string }) => f.ruleId === DEAD_LETTER_RULE);
    expect(dlq).toMatchObject({ file: 'blueprint/blueprint.yaml', placement: 'comment' });
    expect(json.touched.flows).toEqual([expect.objectContaining({ id: 'order-shipped', change: 'added' })]);
    expect(json).toMatchObject({ formatVersion: 1, tool: { name: 'blueprint-review', version: VERSION } });
    expect(
      reportSchemas.validate('review-report.schema.json', json),
      JSON.stringify(reportSchemas.errors),
    ).toBe(true);
    // The schema is not vacuous: an unknown field or a wrong placement is refused.
    expect(reportSchemas.validate('review-report.schema.json', { ...json, extra: 1 })).toBe(false);
    const wrong = { ...json, newFindings: [{ ...json.newFindings[0], placement: 'elsewhere' }] };
    expect(reportSchemas.validate('review-report.schema.json', wrong)).toBe(false);
  });

  it('gives each new finding as a workflow annotation, and a contract it could not compare as an error', async () => {
    const r = repo();
    const { code, stdout } = await reviewFeature(r.dir, 'github');
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    const annotations = lines.filter((line) => line.startsWith('::')).map((line) => runnerCommand(line)!);
    expect(annotations).toContainEqual(
      expect.objectContaining({
        command: 'error',
        properties: expect.objectContaining({ file: 'blueprint/blueprint.yaml', title: DEAD_LETTER_RULE }),
      }),
    );
    // Then the text report, as without the annotations.
    expect(lines.filter((line) => !line.startsWith('::')).join('\n')).toBe(
      (await reviewFeature(r.dir)).stdout,
    );

    // A contract the head breaks so that it does not load is not "no breaking change": the run fails
    // closed, and the annotation says which contract was not compared.
    const broken = repo(shopFiles(), { ...shopFiles(), [ORDERS_API]: 'openapi: [3.0.3\n' });
    const failed = await reviewFeature(broken.dir, 'github');
    expect(failed.code).toBe(1);
    const errors = failed.stdout
      .split('\n')
      .filter((line) => line.startsWith('::error'))
      .map((line) => runnerCommand(line)!);
    expect(errors.map((e) => e.data)).toContainEqual(
      expect.stringMatching(/^Contract `orders-api` could not be compared completely: /),
    );
  });

  it('passes a clean change with exit 0, and gives the check summary and comments as Markdown', async () => {
    const clean = repo(shopFiles(), nameWebshop(shopFiles()));
    const ok = await reviewFeature(clean.dir, 'markdown');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('## ✅ Blueprint review: No new problems');
    const flawed = repo();
    const bad = await reviewFeature(flawed.dir, 'markdown');
    expect(bad.stdout).toContain('### Review comments');
    expect(bad.stdout).toMatch(/#### `blueprint\/blueprint\.yaml` line \d+/);
  });

  it('names a commented file in Markdown inertly: git allows a line break, `@`, `<` and backticks in a name', async () => {
    // The contract moves to a file whose name would end the heading's code span and start Markdown of
    // its own (a mention, an image, a forged line) if it were written into the heading as it is.
    const hostile = 'contracts/x`\n@acme/security-team <img src=x> ``.openapi.yaml';
    const base = shopFiles();
    const moved = removeOrderIdFromResponse(base);
    const head: Files = { ...moved, [`blueprint/${hostile}`]: moved[ORDERS_API]! };
    delete head[ORDERS_API];
    head[BLUEPRINT] = head[BLUEPRINT]!.replace(
      'file: contracts/orders.openapi.yaml',
      `file: ${JSON.stringify(hostile)}`,
    );
    const r = repo(base, head);
    const { stdout } = await reviewFeature(r.dir, 'markdown');
    const headings = stdout.split('\n').filter((line) => line.startsWith('#### '));
    expect(headings.filter((h) => h.includes('.openapi.yaml'))).toHaveLength(1);
    for (const heading of headings) expect(heading).toMatch(/ line \d+$/);
    const html = marked.parse(stdout, { gfm: true, async: false });
    expect(html).not.toContain('<img');
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');
    expect(outsideCode).not.toContain('@acme');
  });

  it('reads the config at the base, and stops with exit 2 when it is invalid there', async () => {
    const base = { ...shopFiles(), '.github/blueprint-review.yml': 'preset: lenient\n' };
    const head = {
      ...addEventFlowWithoutDeadLetter(base),
      '.github/blueprint-review.yml': 'preset: recommended\n',
    };
    const r = repo(base, head);
    const { code, stderr } = await reviewFeature(r.dir);
    expect(code).toBe(2);
    expect(stderr).toContain('.github/blueprint-review.yml@main:1');
  });

  it('measures the change from the merge base, so later commits on the base branch are not blamed on the PR', async () => {
    const r = repo(shopFiles(), nameWebshop(shopFiles()));
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const gitc = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: r.dir });
    gitc('checkout', '-q', 'main');
    // main moves on: a flawed flow lands there after the branch was cut.
    writeFileSync(
      `${r.dir}/blueprint/blueprint.yaml`,
      addEventFlowWithoutDeadLetter(shopFiles())['blueprint/blueprint.yaml']!,
    );
    gitc('commit', '-q', '-am', 'main moves on');
    const { code, stdout } = await reviewFeature(r.dir, 'json');
    expect(JSON.parse(stdout).newFindings).toEqual([]);
    expect(code).toBe(0);
  });

  it('refuses an unknown ref with exit 2', async () => {
    const r = repo();
    const { code, stderr } = await run(['review', '--base', 'no-such-branch', r.dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('"no-such-branch" is not a commit in this repository');
  });

  it('runs the README demo on the bundled example: a missing dead letter and a breaking change, commented', async () => {
    const root = createDemoRepository();
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const { code, stdout } = await run([
      'review',
      '--base',
      'main',
      '--head',
      'crm-order-events',
      '--format',
      'json',
      root,
    ]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    const comments = json.newFindings.filter((f: { placement: string }) => f.placement === 'comment');
    expect(comments.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining([DEAD_LETTER_RULE, 'breaking/response-required-property-removed']),
    );
    expect(json.contracts).toEqual([
      expect.objectContaining({ id: 'orders-api', status: 'finalized', kind: 'document-changed' }),
    ]);
    expect(json.owners.map((o: { owner: string }) => o.owner)).toContain('acme/web-storefront');
    // Contracts with breaking changes and owners with their reasons: all in the published schema.
    expect(
      reportSchemas.validate('review-report.schema.json', json),
      JSON.stringify(reportSchemas.errors),
    ).toBe(true);
  });
});
