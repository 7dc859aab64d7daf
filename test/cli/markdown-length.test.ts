/**
 * `--format markdown` is what a workflow appends to `$GITHUB_STEP_SUMMARY` (GitHub shows none of a
 * job summary past 1 MiB) or posts as a comment: each report stays within its bound, what says the
 * verdict comes first and stays, errors are listed before anything else, and what is left out is
 * counted — through the CLI, on repositories that give thousands of findings and changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_LIMIT } from '../../src/report/bounded-table.js';
import { HEADER, withContracts } from '../../rules/examples.js';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { BLUEPRINT, shopFiles } from '../app/support/shop.js';
import { repoWith, runCli } from '../support/run-cli.js';

const MEBIBYTE = 1024 * 1024;

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** Systems with long ids and no owner: an error, a warning and an info finding each, quoting the id. */
function unownedSystems(count: number): string {
  return Array.from({ length: count }, (_, i) => `  - { id: sys-${i}-${'x'.repeat(400)} }`).join('\n');
}

function withinJobSummary(markdown: string): void {
  expect(markdown.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
  expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MEBIBYTE);
}

/** The numbers of a "…: 3 errors, 2 warnings, 1 info are not listed here" line. */
function leftOut(markdown: string): { error: number; warning: number; info: number } {
  const line = /: ((?:\d+ (?:errors?|warnings?|info)(?:, )?)+) (?:is|are) not listed here/.exec(markdown);
  expect(line, 'a line counting what is not listed').not.toBeNull();
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line![1]!)?.[1] ?? 0);
  return { error: count('error'), warning: count('warning'), info: count('info') };
}

describe('lint --format markdown', () => {
  it('fits a job summary: the counts, every error, then what fits; the rest counted', async () => {
    const blueprint = `${HEADER.replace('systems:\n', `systems:\n${unownedSystems(400)}\n`)}flows:
  - { id: broken, from: webshop, to: nowhere, pattern: request-response }
`;
    const root = repoWith(
      Object.fromEntries(Object.entries(withContracts(blueprint)).map(([k, v]) => [`bp/${k}`, v])),
    );
    const json = JSON.parse((await runCli(['lint', 'bp', '--format', 'json'], root)).stdout) as {
      findings: { severity: 'error' | 'warning' | 'info' }[];
    };
    const total = { error: 0, warning: 0, info: 0 };
    for (const f of json.findings) total[f.severity]++;

    const { stdout } = await runCli(['lint', 'bp', '--format', 'markdown'], root);
    withinJobSummary(stdout);
    expect(stdout).toContain(
      `**${total.error}** errors, **${total.warning}** warnings, **${total.info}** info.`,
    );
    const rows = stdout.split('\n').filter((l) => /^\| (🔴|🟠|ℹ️) /.test(l));
    const listed = (severity: string) => rows.filter((r) => r.includes(` ${severity} |`)).length;
    expect(listed('error')).toBe(total.error);
    // The last error in the file (the flow, after 400 systems) is listed: errors come first.
    expect(stdout).toContain('Request-response flow "broken"');
    const left = leftOut(stdout);
    expect(left.error).toBe(0);
    expect(listed('warning') + left.warning).toBe(total.warning);
    expect(listed('info') + left.info).toBe(total.info);
    expect(left.warning + left.info).toBeGreaterThan(0);

    // A pull request comment holds 65,535 characters: --max-chars asks for that bound.
    const comment = await runCli(['lint', 'bp', '--format', 'markdown', '--max-chars', '65535'], root);
    expect(comment.stdout.length).toBeLessThanOrEqual(65_535);
    expect(comment.stdout).toContain('Request-response flow "broken"');
    expect(comment.stdout).toContain('kept within 65,535 characters');
    const refused = await runCli(['lint', 'bp', '--format', 'markdown', '--max-chars', '12'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--max-chars must be a number of characters, 20000 at least');
  }, 60_000);
});

describe('diff --format markdown', () => {
  /** An OpenAPI document of `count` long-named operations sharing one response schema. */
  function sharedSchemaApi(count: number, properties: string): string {
    const paths = Array.from(
      { length: count },
      (_, i) => `  /things/${i}/${'p'.repeat(120)}:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } }`,
    ).join('\n');
    return `openapi: 3.1.0
info: { title: t, version: 1.0.0 }
paths:
${paths}
components:
  schemas:
    Thing: { type: object, properties: { ${properties} } }
`;
  }

  it('lists a change affecting thousands of operations, their names cut, within a job summary', async () => {
    const root = repoWith({
      'base.yaml': sharedSchemaApi(3_000, 'id: { type: string }, total: { type: number }'),
      'head.yaml': sharedSchemaApi(3_000, 'id: { type: string }'),
    });
    const { stdout } = await runCli(['diff', 'base.yaml', 'head.yaml', '--format', 'markdown'], root);
    withinJobSummary(stdout);
    expect(stdout).toContain('**0** breaking, **1** warnings, **0** info.');
    const row = stdout.split('\n').find((l) => l.startsWith('| 🟠 warning'));
    expect(row, 'the change is listed').toBeDefined();
    expect(row).toContain('<summary>Affects 3000 operations</summary>');
    // Listed once, in the list: the message's own sentence naming the first few is left out.
    expect(row).not.toMatch(/Affects 3000 operations: /);
    expect(row).toMatch(/… and \d+ more \(the text and JSON reports list them all\)/);
    const comment = await runCli(
      ['diff', 'base.yaml', 'head.yaml', '--format', 'markdown', '--max-chars', '65535'],
      root,
    );
    expect(comment.stdout.length).toBeLessThanOrEqual(65_535);
    expect(comment.stdout).toContain('| 🟠 warning');
  }, 60_000);
});

describe('review --format markdown', () => {
  it('fits a job summary: the verdict and the summary first, comments as fit, the others counted', async () => {
    const base = shopFiles();
    const head = {
      ...base,
      [BLUEPRINT]: base[BLUEPRINT]!.replace(/^systems:\n/m, `systems:\n${unownedSystems(150)}\n`),
    };
    const repo = twoCommitRepo(base, head);
    cleanup.push(repo.remove);
    const { stdout } = await runCli(
      ['review', '--base', 'main', '--head', 'feature', '--format', 'markdown', repo.dir],
      repo.dir,
    );
    withinJobSummary(stdout);
    expect(stdout).toMatch(/^## ❌ Blueprint review: \d+ errors/);
    expect(leftOut(stdout).error).toBe(0);
    expect(stdout).toMatch(/_\d+ review comments are not shown: a Markdown report is kept within/);
    const comment = await runCli(
      [
        'review',
        '--base',
        'main',
        '--head',
        'feature',
        '--format',
        'markdown',
        '--max-chars',
        '65535',
        repo.dir,
      ],
      repo.dir,
    );
    expect(comment.stdout.length).toBeLessThanOrEqual(65_535);
    expect(comment.stdout).toMatch(/^## ❌ Blueprint review: \d+ errors/);
  }, 120_000);
});
