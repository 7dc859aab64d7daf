import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoWith, runCli } from '../support/run-cli.js';
import { runnerCommand } from '../support/actions-runner.js';
import { HEADER, withContracts } from '../../rules/examples.js';
import { RULES } from '../../rules/index.js';

/**
 * These tests are about the command, not the catalogue: the repository's config switches off every
 * rule outside `topology/`, so new rules in other categories do not change what they see.
 */
function topologyOnly(overrides: Record<string, string> = {}): string {
  const off = Object.fromEntries(
    RULES.filter((r) => !r.meta.id.startsWith('topology/')).map((r) => [r.meta.id, 'off']),
  );
  return JSON.stringify({ rules: { ...off, ...overrides } });
}

function repo(files: Record<string, string>): string {
  return repoWith({ '.github/blueprint-review.yml': topologyOnly(), ...files });
}

const run = runCli;

const CLEAN = `${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api, operation: createOrder } }
  - { id: order-created, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events, channel: orderCreated } }
`;
const prefixed = (files: Record<string, string>, folder: string) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`${folder}/${k}`, v]));

describe('blueprint-review lint', () => {
  it('exits 0 and says so when the topology rules find nothing', async () => {
    const root = repo(prefixed(withContracts(CLEAN), 'bp'));
    const result = await run(['lint', 'bp'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('No findings.');
    expect(result.code).toBe(0);
  });

  it('exits 1 with the findings grouped by file: the file once, then line:col  severity  message  rule', async () => {
    const root = repo(prefixed(withContracts(CLEAN.replace('via: order-topic, ', '')), 'bp'));
    const result = await run(['lint'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bp\/blueprint\.yaml\n {2}15:5 {2}error {4}Event flow "order-created"/);
    expect(result.stdout).toMatch(/ {2}topology\/async-flow-without-mediator$/m);
    expect(Math.max(...result.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('wraps a value longer than the width under its message: no line runs past it to column 0', async () => {
    // A terminal wraps a line longer than its width at column 0: the end of an unbroken word there
    // read as a line of the report's own.
    const forged = `${'w'.repeat(83)}0 findings: 0 error, 0 warning, 0 info`;
    const root = repo(
      prefixed(
        withContracts(
          CLEAN.replace('from: orders, to: webshop', `from: ${JSON.stringify(forged)}, to: webshop`),
        ),
        'bp',
      ),
    );
    const result = await run(['lint'], root);
    expect(result.stdout).toContain('w'.repeat(40));
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    // Only the file, blank lines and the counts start at column 0.
    const atColumnZero = lines.filter((l) => /^\S/.test(l));
    expect(atColumnZero).toEqual(['bp/blueprint.yaml', expect.stringMatching(/^\d+ findings: \d+ error/)]);
    expect(atColumnZero[1]).not.toBe('0 findings: 0 error, 0 warning, 0 info');
  });

  it('json output carries file, line, column, end and pointer', async () => {
    const root = repo(prefixed(withContracts(CLEAN.replace('via: order-topic, ', '')), 'bp'));
    const result = await run(['lint', '--format', 'json'], root);
    const report = JSON.parse(result.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'topology/async-flow-without-mediator',
        severity: 'error',
        file: 'bp/blueprint.yaml',
        line: 15,
        column: 5,
        endLine: 15,
        pointer: '/flows/1',
      }),
    ]);
    expect(report.summary).toMatchObject({ total: 1, error: 1, blueprints: ['bp'] });
  });

  it('github output annotates each finding at its file and line, then prints the text report', async () => {
    const root = repo(prefixed(withContracts(CLEAN.replace('via: order-topic, ', '')), 'bp'));
    // Run from a folder inside the repository: GitHub names files from the repository's root.
    const result = await run(['lint', '..', '--format', 'github'], path.join(root, 'bp'));
    expect(result.code).toBe(1);
    const [first, ...rest] = result.stdout.split('\n');
    expect(runnerCommand(first!)).toMatchObject({
      command: 'error',
      properties: {
        file: 'bp/blueprint.yaml',
        line: '15',
        col: '5',
        title: 'topology/async-flow-without-mediator',
      },
      data: expect.stringContaining('Event flow "order-created"'),
    });
    expect(rest.join('\n')).toMatch(/^bp\/blueprint\.yaml\n {2}15:5 {2}error {4}Event flow "order-created"/);

    // With --output the report goes to the file; the annotations stay in the log, where the runner reads.
    const toFile = await run(['lint', '--format', 'github', '-o', 'report.txt'], root);
    expect(toFile.stdout).toBe(`${first}\n`);
    expect(readFileSync(path.join(root, 'report.txt'), 'utf8')).toBe(`${rest.join('\n')}`);
  });

  it('github output annotates ten errors at most, the tenth saying how many more and where they are', async () => {
    const flows = Array.from(
      { length: 12 },
      (_, i) =>
        `  - { id: event-${i}, from: orders, to: webshop, pattern: event, contract: { ref: order-events, channel: orderCreated } }\n`,
    );
    const root = repo(prefixed(withContracts(`${CLEAN}${flows.join('')}`), 'bp'));
    for (const [args, where] of [
      [[], 'The step log'],
      [['-o', 'lint.txt'], 'lint.txt'],
    ] as const) {
      const result = await run(['lint', '--format', 'github', ...args], root);
      const errors = result.stdout
        .split('\n')
        .map((line) => runnerCommand(line))
        .filter((c) => c?.command === 'error');
      expect(errors).toHaveLength(10);
      expect(errors.slice(0, 9).every((c) => c!.properties.file === 'bp/blueprint.yaml')).toBe(true);
      expect(errors[9]!.data).toBe(
        `3 more errors not annotated: GitHub shows 10 per level in a step. ${where} lists every finding.`,
      );
    }
  });

  it('--severity decides what fails: a warning passes by default and fails at --severity warning', async () => {
    const withOrphan = CLEAN.replace('systems:\n', 'systems:\n  - { id: crm, owner: acme/sales }\n');
    const root = repo(prefixed(withContracts(withOrphan), 'bp'));
    expect((await run(['lint'], root)).code).toBe(0);
    const strict = await run(['lint', '--severity', 'warning'], root);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('topology/orphan-system');
  });

  it('config turns rules off and changes severities', async () => {
    const files = prefixed(withContracts(CLEAN.replace('via: order-topic, ', '')), 'bp');
    const off = repo({
      ...files,
      '.github/blueprint-review.yml': topologyOnly({ 'topology/async-flow-without-mediator': 'off' }),
    });
    expect((await run(['lint'], off)).code).toBe(0);
    const info = repo({
      ...files,
      '.github/blueprint-review.yml': topologyOnly({ 'topology/async-flow-without-mediator': 'info' }),
    });
    const result = await run(['lint', '--format', 'json'], info);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings[0].severity).toBe('info');
  });

  it('exits 2 with the line for an invalid config, and for an unknown rule', async () => {
    const files = prefixed(withContracts(CLEAN), 'bp');
    const invalid = repo({
      ...files,
      '.github/blueprint-review.yml': 'preset: recommended\nblueprint: [x]\n',
    });
    const bad = await run(['lint'], invalid);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.github/blueprint-review.yml:2: unknown field "blueprint"');
    // The org defaults of `_extends` live in another repository: refused, never silently left out.
    const extending = repo({ ...files, '.github/blueprint-review.yml': '_extends: .github\n' });
    const refused = await run(['lint'], extending);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '.github/blueprint-review.yml: _extends names .github:.github/blueprint-review.yml, which cannot be read here',
    );
    const unknown = repo({
      ...files,
      '.github/blueprint-review.yml': 'rules:\n  topology/no-such-rule: off\n',
    });
    const result = await run(['lint'], unknown);
    expect(result.code).toBe(2);
    // Refused as the editor's schema refuses it, with its line.
    expect(result.stderr).toContain(
      '.github/blueprint-review.yml:2: unknown field "topology/no-such-rule" at /rules',
    );
  });

  it('exits 2 for usage errors: unknown format, missing path, no blueprint', async () => {
    const root = repo(prefixed(withContracts(CLEAN), 'bp'));
    expect((await run(['lint', '--format', 'xml'], root)).code).toBe(2);
    expect((await run(['lint', 'nowhere'], root)).code).toBe(2);
    expect((await run(['lint', '--blueprint', 'other/*'], root)).stderr).toContain(
      'no blueprint.yaml found under . matching other/*',
    );
    expect((await run(['frobnicate'], root)).code).toBe(2);
    // A pattern that could take minutes to match: refused as the config's are, never matched.
    const hostile = await run(['lint', '--blueprint', '+(a|aa)+(a|aa)b'], root);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toBe(
      'blueprint-review lint: --blueprint "+(a|aa)+(a|aa)b": the glob pattern is refused: extglobs and groups (`(…)`, `|`) are not supported: they can take minutes to match\n',
    );
  });

  it('exits 2 naming a folder of the blueprint the disk will not list, never linting without it', async () => {
    const root = repo(prefixed(withContracts(CLEAN), 'bp'));
    // A link to itself fails readdir (ELOOP) as a folder without read permission would (the tests run
    // as root, which reads every folder). Listed as empty, the blueprint linted clean: exit 0.
    symlinkSync('adr', path.join(root, 'bp/adr'));
    const result = await run(['lint', 'bp'], root);
    expect(result.stderr).toBe(
      'blueprint-review lint: could not list the folder bp/adr (ELOOP): the files under it are unknown\n',
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('says where it looked and how to start when a repository has no blueprint', async () => {
    const empty = repoWith({});
    const result = await run(['lint'], empty);
    expect(result.code).toBe(2);
    // No config, no globs: nothing to say "matching" about (it read "under . matching " before).
    expect(result.stderr).toContain('no blueprint.yaml found under . (`blueprint-review init` writes');
  });

  it('rules lists every rule with id, category, severity and description', async () => {
    const result = await run(['rules', '--format', 'json'], process.cwd());
    const { rules } = JSON.parse(result.stdout);
    expect(rules).toContainEqual({
      id: 'topology/flow-without-contract',
      category: 'topology',
      severity: 'error',
      description: expect.stringContaining('contract'),
    });
    expect(
      rules.every((r: Record<string, string>) => r.id && r.category && r.severity && r.description),
    ).toBe(true);
  });
});
