/**
 * Where the user tells the CLI to write (init's blueprint folder, `doc -o`, `--output`) may be a
 * place it cannot write. That is the user's to fix, like a mistyped path: one line naming the file
 * and why, exit 2 — not an internal error with a stack trace. (A file standing where a folder is
 * needed is a refusal every user can meet, root included, so the tests use it.)
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A git repository holding the contracts init fixture and a file named like a folder. */
function repoWithFileInTheWay(file: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-unwritable-'));
  cpSync(path.join(HERE, '../fixtures/init/contracts'), root, { recursive: true });
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(root, file), 'not a folder\n');
  return root;
}

function expectOneClearLine(result: { code: number; stderr: string }, command: string, file: string) {
  expect(result.code).toBe(2);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`blueprint-review ${command}: cannot write ${file}: `);
  expect(result.stderr).toContain('a file stands where a folder is needed');
}

describe('a place the CLI cannot write', { timeout: 120_000 }, () => {
  it('init names the blueprint file it could not write, and why', async () => {
    const root = repoWithFileInTheWay('blueprint');
    const result = await runCli(['init'], root);
    expectOneClearLine(result, 'init', 'blueprint/blueprint.yaml');
    expect(result.stderr).toContain(' at blueprint (');
    expect(readFileSync(path.join(root, 'blueprint'), 'utf8')).toBe('not a folder\n');
  });

  it('doc -o names the folder it could not make', async () => {
    const root = repoWithFileInTheWay('docs');
    await runCli(['init'], root);
    const result = await runCli(['doc', 'blueprint', '-o', 'docs/architecture'], root);
    expectOneClearLine(result, 'doc', 'docs/architecture');
  });

  it('--output names the report file it could not write', async () => {
    const root = repoWithFileInTheWay('reports');
    await runCli(['init'], root);
    const result = await runCli(['lint', 'blueprint', '-o', 'reports/lint.txt'], root);
    expectOneClearLine(result, 'lint', 'reports/lint.txt');
  });

  it('--output makes the report\u2019s folder, as doc -o does', async () => {
    const root = repoWithFileInTheWay('reports');
    await runCli(['init'], root);
    const result = await runCli(['lint', 'blueprint', '-f', 'json', '-o', 'out/sarif/lint.json'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(
      JSON.parse(readFileSync(path.join(root, 'out/sarif/lint.json'), 'utf8')).summary.total,
    ).toBeGreaterThan(0);
  });
});
