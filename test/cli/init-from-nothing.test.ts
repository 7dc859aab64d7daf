/**
 * `init` where the repository has nothing to read yet (no OpenAPI or AsyncAPI document, no Backstage
 * catalog) starts a blueprint, as `npm init` starts a package.json: one that lints clean from its
 * first commit, whose comments show how to write the first systems and flow — and says first that it
 * found nothing, so a mistyped folder or a narrow `--from` is seen.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

function emptyRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-init-empty-'));
  mkdirSync(path.join(root, '.git'));
  return root;
}

/**
 * The file with its commented examples taken in, as a user does: the `key: []` the example replaces
 * dropped, and every commented line of YAML (`# key:` or an indented `#   …`) uncommented.
 */
function takeExamples(root: string, file: string, keys: readonly string[]): void {
  const target = path.join(root, file);
  const lines = readFileSync(target, 'utf8')
    .split('\n')
    .filter((line) => !keys.some((key) => line === `${key}: []`))
    .map((line) =>
      line.startsWith('#   ') || keys.some((key) => line === `# ${key}:`) ? line.slice(2) : line,
    );
  writeFileSync(target, lines.join('\n'));
}

describe('init with nothing to read', { timeout: 120_000 }, () => {
  it('says it found nothing, writes a starter blueprint, and that blueprint lints clean', async () => {
    const root = emptyRepository();
    const result = await runCli(['init'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'Found no OpenAPI or AsyncAPI document and no Backstage catalog under .: starting a blueprint for you to fill in by hand.',
    );
    expect(result.stdout).toContain('Wrote:\n  blueprint/blueprint.yaml\n');
    expect(result.stdout).toContain(
      'Next: write your systems and flows in blueprint/blueprint.yaml (its comments show how), then run `blueprint-review lint blueprint`.',
    );
    const lint = await runCli(['lint', 'blueprint'], root);
    expect(lint.stdout).toBe('No findings.\n');
    expect(lint.code).toBe(0);
    // CI keeps the starter honest too: nothing to compare, nothing drifted.
    expect((await runCli(['init', '--update'], root)).code).toBe(0);
  });

  it('its examples, taken in as written, load: the findings are to-dos, never a file to fix', async () => {
    const root = emptyRepository();
    await runCli(['init'], root);
    takeExamples(root, 'blueprint/blueprint.yaml', ['systems', 'flows']);
    takeExamples(root, 'blueprint/policies/error-handling.yaml', ['errorHandling']);
    takeExamples(root, 'blueprint/policies/security.yaml', ['security']);
    const lint = await runCli(['lint', 'blueprint', '-f', 'json'], root);
    const findings = (JSON.parse(lint.stdout) as { findings: { ruleId: string; message: string }[] })
      .findings;
    expect(findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
    // The flow's systems and policies are the examples' own: every name it uses is declared.
    expect(findings.filter((f) => f.ruleId === 'topology/unknown-reference')).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('topology/flow-without-contract');
  });

  it('names the sources --from limited it to', async () => {
    const root = emptyRepository();
    const result = await runCli(['init', '--from', 'contracts', '--dry-run'], root);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'Found no OpenAPI or AsyncAPI document (--from contracts) under .: starting a blueprint for you to fill in by hand.',
    );
    expect(result.stdout).toContain('  blueprint/blueprint.yaml  (new)');
    expect(existsSync(path.join(root, 'blueprint'))).toBe(false);
  });

  it('says what a catalog that names no system held', async () => {
    const root = emptyRepository();
    writeFileSync(
      path.join(root, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
    );
    const result = await runCli(['init'], root);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'Read 0 contract documents and 1 catalog entity from 1 catalog file. They name no system, API or broker resource: starting a blueprint for you to fill in by hand.',
    );
    expect(readFileSync(path.join(root, 'blueprint/blueprint.yaml'), 'utf8')).toContain(
      '# the Backstage catalog names no system yet,',
    );
  });
});
