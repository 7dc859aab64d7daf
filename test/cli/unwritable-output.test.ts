/**
 * Where the user tells the CLI to write (init's blueprint folder, `doc -o`, `--output`) may be a
 * place it cannot write. That is the user's to fix, like a mistyped path: one line naming the file
 * and why, exit 2 — not an internal error with a stack trace. (A file standing where a folder is
 * needed is a refusal every user can meet, root included, so the tests use it.)
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtEntry } from '../support/built-app.js';
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

function expectOneClearLine(
  result: { code: number | null; stderr: string },
  command: string,
  file: string,
  reason = 'a file stands where a folder is needed',
) {
  expect(result.code).toBe(2);
  expect(result.stderr).not.toContain('internal error');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`blueprint-review ${command}: cannot write ${file}: `);
  expect(result.stderr).toContain(reason);
}

/**
 * The built CLI as a process, killed if it has not ended within `limitMs`: a command that never
 * returns (Node's recursive mkdir spinning) ends here with no exit code instead of hanging the run.
 */
function runBuiltCli(args: string[], cwd: string, limitMs: number) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: limitMs,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
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

  it('--output under a broken link names the link and its missing target', async () => {
    const root = repoWithFileInTheWay('unused');
    symlinkSync('gone', path.join(root, 'reports'));
    await runCli(['init'], root);
    const result = await runCli(['lint', 'blueprint', '-o', 'reports/weekly/lint.txt'], root);
    expectOneClearLine(
      result,
      'lint',
      'reports/weekly/lint.txt',
      'a link to a missing target (gone) stands at reports',
    );
    expect(result.stderr).not.toContain('a file stands');
  });

  it('doc -o a broken link says it is one, naming it, never that a file stands there', async () => {
    const root = repoWithFileInTheWay('unused');
    symlinkSync(path.join('build', 'site'), path.join(root, 'architecture'));
    await runCli(['init'], root);
    const result = await runCli(['doc', 'blueprint', '-o', 'architecture'], root);
    expectOneClearLine(
      result,
      'doc',
      'architecture',
      'a link to a missing target (build/site) stands at architecture',
    );
    expect(result.stderr).not.toContain('a file stands');
  });

  it('doc -o through a loop of links is one clear line, never an internal error', async () => {
    const root = repoWithFileInTheWay('unused');
    symlinkSync('there', path.join(root, 'here'));
    symlinkSync('here', path.join(root, 'there'));
    await runCli(['init'], root);
    const result = await runCli(['doc', 'blueprint', '-o', 'here/docs'], root);
    expectOneClearLine(result, 'doc', 'here/docs', 'a loop of links stands at here');
  });

  it('--output through a link to a file in a missing folder names the link', async () => {
    const root = repoWithFileInTheWay('unused');
    await runCli(['init'], root);
    symlinkSync(path.join('gone', 'lint.txt'), path.join(root, 'lint.txt'));
    const result = await runCli(['lint', 'blueprint', '-o', 'lint.txt'], root);
    expectOneClearLine(
      result,
      'lint',
      'lint.txt',
      'a link to a missing target (gone/lint.txt) stands at lint.txt',
    );
  });

  it('doc -o a folder the system will not make ends at once, in one line', async () => {
    // Under /proc a folder exists that can hold no new one; Node's recursive mkdir spins on it forever.
    // (Elsewhere than Linux, / refuses a /proc folder its own way: the same one line, exit 2.)
    const root = repoWithFileInTheWay('unused');
    await runCli(['init'], root);
    const out = `/proc/bpr-${path.basename(root)}/docs`;
    const result = await runBuiltCli(['doc', 'blueprint', '-o', out], root, 90_000);
    expect(result.stderr).toContain(`blueprint-review doc: cannot write ${out}: `);
    expectOneClearLine(result, 'doc', out, '');
  });
});
