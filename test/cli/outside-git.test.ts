/**
 * A first try often happens in a folder that is not a git repository yet. `init` takes that folder
 * as the repository and writes the blueprint beside the contracts it names (`file: ../api/x.yaml`);
 * the `lint blueprint` it then tells the user to run must read the same files, not refuse each
 * contract as "outside the repository" because the blueprint folder was taken for the root.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const CONTRACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/init/contracts');

/** A copy of the contracts fixture in a folder no `.git` is above. */
function plainFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-no-git-'));
  cpSync(CONTRACTS, root, { recursive: true });
  return root;
}

interface LintReport {
  findings: { ruleId: string; file: string }[];
  summary: { total: number };
}

describe('outside a git repository', { timeout: 120_000 }, () => {
  it('lint reads the contracts init registered, and finds what init listed', async () => {
    const root = plainFolder();
    const init = await runCli(['init'], root);
    expect(init.code).toBe(0);
    const listed = Number(
      /^To do: (\d+) findings? of `blueprint-review lint blueprint`/m.exec(init.stdout)?.[1],
    );
    expect(listed).toBeGreaterThan(0);

    const lint = await runCli(['lint', 'blueprint', '-f', 'json', '--fail-on', 'never'], root);
    expect(lint.code).toBe(0);
    const report = JSON.parse(lint.stdout) as LintReport;
    expect(report.findings.filter((f) => f.ruleId === 'schema/unsafe-path')).toEqual([]);
    expect(report.summary.total).toBe(listed);
    // Named from the folder the user works in, as init named them.
    expect(report.findings.some((f) => f.file.startsWith('blueprint/'))).toBe(true);
  });

  it('a blueprint outside the working directory is still its own root', async () => {
    const root = plainFolder();
    await runCli(['init'], root);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'bpr-cwd-'));
    const lint = await runCli(
      ['lint', path.join(root, 'blueprint'), '-f', 'json', '--fail-on', 'never'],
      elsewhere,
    );
    const report = JSON.parse(lint.stdout) as LintReport;
    // Nothing above the blueprint's folder is read: its `../` contracts are refused, as before.
    expect(report.findings.some((f) => f.ruleId === 'schema/unsafe-path')).toBe(true);
  });
});
