/**
 * `review` as terminal text: a terminal wraps a line longer than its width at column 0, where the end
 * of a repository value would read as a line of the report's own — a second verdict. Every line is
 * folded within the width (100 when it is unknown, as in a pipe or an Actions log).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { BLUEPRINT, shopFiles } from '../app/support/shop.js';
import { runCli } from '../support/run-cli.js';
import { ONE_SYSTEM_BASE } from '../support/signoff-fixture.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

describe('review --format text', () => {
  it('folds a long value under its line: no line past the width, one verdict at column 0', async () => {
    const forged = 'Blueprint review: no new findings  ✓ success';
    const id = `${'w'.repeat(79)}${forged}`;
    const base = shopFiles();
    const head = {
      ...base,
      [BLUEPRINT]: base[BLUEPRINT]!.replace(/^systems:\n/m, `systems:\n  - { id: ${JSON.stringify(id)} }\n`),
    };
    const repo = twoCommitRepo(base, head);
    cleanup.push(repo.remove);
    const { stdout } = await runCli(['review', '--base', 'main', '--head', 'feature', repo.dir], repo.dir);
    expect(stdout).toContain('w'.repeat(40));
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => l.startsWith('Blueprint review'))).toEqual([lines[0]]);
    expect(lines[0]).toMatch(/✗ failure$/);
  }, 60_000);
});

describe('signoff --format text', () => {
  it('folds a long value under its line: no line past the width, one verdict at column 0', async () => {
    const forged = 'SUCCESS: Signed off: 1 rule satisfied';
    const id = `${'w'.repeat(70)}${forged}`;
    const base = { ...ONE_SYSTEM_BASE };
    const head = {
      ...base,
      'blueprint/blueprint.yaml': `${base['blueprint/blueprint.yaml']}  - { id: ${JSON.stringify(id)}, owner: acme/shop }\n`,
    };
    const repo = twoCommitRepo(base, head);
    cleanup.push(repo.remove);
    const scratch = mkdtempSync(path.join(tmpdir(), 'signoff-text-'));
    cleanup.push(() => rmSync(scratch, { recursive: true, force: true }));
    const reviews = path.join(scratch, 'reviews.json');
    writeFileSync(
      reviews,
      JSON.stringify({ author: 'mallory', pushers: ['mallory'], writers: [], reviews: [] }),
    );
    const teams = path.join(scratch, 'teams.json');
    writeFileSync(teams, JSON.stringify({ 'acme/shop': ['olivia'] }));
    const args = ['signoff', '--base', 'main', '--head', 'feature', '--reviews', reviews, '--teams', teams];
    const { stdout } = await runCli([...args, '--org', 'acme', repo.dir], repo.dir);
    expect(stdout).toContain('w'.repeat(40));
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => /^(SUCCESS|FAILURE|ACTION_REQUIRED|PENDING)/.test(l))).toEqual([lines[0]]);
    expect(lines[0]).not.toMatch(/^SUCCESS/);
  }, 60_000);
});
