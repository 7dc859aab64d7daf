/**
 * The CLI behaves as users of Spectral and oasdiff expect: --version, -h on every command, a usage
 * line for mistakes, -o/--output, --quiet, FORCE_COLOR/NO_COLOR, standard input for diff, one
 * --fail-on (old spellings kept), JSON reports with a format version and a published schema.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

interface RunOptions {
  env?: Record<string, string>;
  stdin?: string;
  isTTY?: boolean;
}

async function run(args: string[], cwd = root, options: RunOptions = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    ...(options.stdin !== undefined ? { readStdin: async () => options.stdin! } : {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A throwaway repository whose one blueprint does not parse: one error finding, found fast. */
function broken(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bpr-conventions-'));
  mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'bp'));
  writeFileSync(path.join(dir, 'bp', 'blueprint.yaml'), 'apiVersion: [unclosed\n');
  return dir;
}

/** A throwaway repository holding copies of the examples. */
function examples(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bpr-conventions-'));
  mkdirSync(path.join(dir, '.git'));
  cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

const schemas = new Ajv2020({ allErrors: true, strict: false });
for (const file of readdirSync(path.join(root, 'schemas')).filter((f) => f.endsWith('-report.schema.json')))
  schemas.addSchema(JSON.parse(readFileSync(path.join(root, 'schemas', file), 'utf8')) as object, file);

const ESC = '\u001b[';
const FLAWED_ORDERS = 'examples/flawed/contracts/orders-api.openapi.yaml';
const CLEAN_ORDERS = 'examples/order-to-cash/contracts/orders-api.openapi.yaml';

describe('the CLI conventions', { timeout: 90_000 }, () => {
  it('prints its version with --version, and lists the commands with --help', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command.name} `);
  });

  it.each(COMMANDS.map((c) => c.name))(
    'answers -h and --help on %s with its usage and options',
    async (name) => {
      for (const flag of ['-h', '--help']) {
        const result = await run([name, flag]);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout).toMatch(new RegExp(`^Usage: blueprint-review ${name}\\b`));
        expect(result.stdout).toContain('-h, --help');
      }
    },
  );

  it('says what is wrong with an unknown option in one line plus the usage, not the parser text', async () => {
    const result = await run(['lint', '--frmat', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'blueprint-review lint: unknown option --frmat (did you mean --format?)\n' +
        'Usage: blueprint-review lint [path] [options]\n' +
        'Run "blueprint-review lint --help" for the options.\n',
    );
    expect((await run(['diff', '--fail-on'])).stderr).toContain('option --fail-on needs a value');
    const folder = await run(['diff', 'examples/flawed/contracts', CLEAN_ORDERS]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(
      'examples/flawed/contracts: a directory; diff compares two OpenAPI or AsyncAPI',
    );
    expect((await run(['diff', 'nowhere.yaml', CLEAN_ORDERS])).stderr).toContain(
      'nowhere.yaml: no such file',
    );
    expect((await run(['rules', '--format', 'xml'])).stderr).toContain(
      '--format must be one of text, json, markdown',
    );
    expect((await run(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
  });

  it('a command whose usage names no argument refuses one, as the others refuse one too many', async () => {
    const bare = COMMANDS.filter((c) => c.synopsis === '');
    expect(bare.map((c) => c.name)).toContain('rules');
    for (const command of bare) {
      const result = await run([command.name, 'stray']);
      expect(result.code, command.name).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`takes no arguments besides options, got "stray"`);
      expect(result.stderr).toContain(`Usage: blueprint-review ${command.name} [options]`);
    }
    expect((await run(['lint', 'a', 'b'])).code).toBe(2);
  });

  it('lints one blueprint given by its blueprint.yaml', async () => {
    const dir = examples();
    const result = await run(['lint', 'examples/order-to-cash/blueprint.yaml'], dir);
    expect(result).toEqual({ code: 0, stdout: 'No findings.\n', stderr: '' });
    const flawed = await run(['lint', 'examples/flawed/blueprint.yaml', '-f', 'json'], dir);
    expect(JSON.parse(flawed.stdout).summary.blueprints).toEqual(['examples/flawed']);
    const other = await run(['lint', 'examples/flawed/topology/finance.yaml'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is not a blueprint.yaml');
  });

  it('writes the report to -o/--output FILE and keeps the exit code', async () => {
    const dir = examples();
    const result = await run(['lint', 'examples/flawed', '-f', 'sarif', '-o', 'out.sarif'], dir);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.runs[0].tool.driver).toMatchObject({ version: pkg.version, semanticVersion: pkg.version });
    const rules = await run(['rules', '--output', 'rules.md', '--format', 'markdown'], dir);
    expect(rules.code).toBe(0);
    expect(readFileSync(path.join(dir, 'rules.md'), 'utf8')).toContain(
      '| `topology/flow-without-contract` |',
    );
  });

  it('--quiet prints the report only', async () => {
    const dir = examples();
    expect(await run(['lint', 'examples/order-to-cash', '--quiet'], dir)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const flawed = await run(['lint', 'examples/flawed', '-q'], dir);
    expect(flawed.stdout).not.toMatch(/findings:/);
    expect(flawed.stdout).toContain('topology/orphan-system');
  });

  it('colours a terminal, never a pipe; FORCE_COLOR forces it and NO_COLOR stops it', async () => {
    const dir = broken();
    const target = ['lint', 'bp'];
    expect((await run(target, dir)).stdout).not.toContain(ESC);
    expect((await run(target, dir, { isTTY: true })).stdout).toContain(ESC);
    expect((await run(target, dir, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(target, dir, { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(target, dir, { isTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(ESC);
    expect((await run([...target, '-o', 'report.txt'], dir, { isTTY: true })).stdout).toBe('');
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).not.toContain(ESC);
  });

  it('one --fail-on everywhere: lint keeps --severity as an alias, diff and review take the same values', async () => {
    const dir = broken();
    expect((await run(['lint', 'bp', '--fail-on', 'never'], dir)).code).toBe(0);
    expect((await run(['lint', 'bp', '--severity', 'never'], dir)).code).toBe(0);
    expect((await run(['lint', 'bp', '--fail-on', 'ERROR'], dir)).code).toBe(1);
    const both = await run(['lint', 'bp', '--fail-on', 'info', '--severity', 'info'], dir);
    expect(both.stderr).toContain('--fail-on and --severity are the same option');
    const diff = (failOn: string) => run(['diff', FLAWED_ORDERS, CLEAN_ORDERS, '--fail-on', failOn]);
    expect((await diff('info')).code).toBe(1);
    expect((await diff('never')).code).toBe(0);
    for (const name of ['lint', 'diff', 'review'])
      expect((await run([name, '--help'])).stdout).toContain('--fail-on error|warning|info|never');
  });

  it('diff reads one side from standard input (-), its $refs resolved from the current folder', async () => {
    const dir = examples();
    const text = readFileSync(path.join(dir, CLEAN_ORDERS), 'utf8');
    const cwd = path.join(dir, 'examples/order-to-cash/contracts');
    const same = await run(['diff', 'orders-api.openapi.yaml', '-'], cwd, { stdin: text });
    expect(same).toEqual({ code: 0, stdout: 'No changes that concern consumers.\n', stderr: '' });
    const changed = await run(['diff', 'orders-api.openapi.yaml', '-'], cwd, {
      stdin: text.replace(/\n {4}get:\n/, '\n    x-not-an-operation:\n'),
    });
    expect(changed.code).toBe(1);
    expect((await run(['diff', '-', '-'], cwd, { stdin: text })).code).toBe(2);
  });

  it('diff never says "no changes" when it could not compare', async () => {
    const dir = examples();
    writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: 3.0.3\ninfo: [unclosed\n');
    const result = await run(['diff', 'broken.yaml', CLEAN_ORDERS], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('No changes');
    expect(result.stdout).toContain('Could not compare completely');
  });

  it('JSON reports carry a format version and the tool version, and follow the published schemas', async () => {
    const dir = examples();
    const lint = JSON.parse((await run(['lint', 'examples/flawed', '-f', 'json'], dir)).stdout);
    expect(lint).toMatchObject({
      formatVersion: 1,
      tool: { name: 'blueprint-review', version: pkg.version },
    });
    expect(schemas.validate('lint-report.schema.json', lint), JSON.stringify(schemas.errors)).toBe(true);
    const diff = JSON.parse((await run(['diff', FLAWED_ORDERS, CLEAN_ORDERS, '-f', 'json'], dir)).stdout);
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(schemas.validate('diff-report.schema.json', diff), JSON.stringify(schemas.errors)).toBe(true);
    // Problems too, with the line they are on.
    writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: 3.0.3\ninfo: [unclosed\n');
    const broken = JSON.parse((await run(['diff', 'broken.yaml', CLEAN_ORDERS, '-f', 'json'], dir)).stdout);
    expect(broken.problems).toMatchObject([{ code: 'syntax', file: 'broken.yaml', line: 2 }]);
    expect(schemas.validate('diff-report.schema.json', broken), JSON.stringify(schemas.errors)).toBe(true);
    expect(schemas.validate('lint-report.schema.json', { ...lint, formatVersion: 2 })).toBe(false);
  });
});

describe('start-up cost', () => {
  /** Static imports (not `import type`, not `await import()`) of a module's source. */
  function staticImports(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/^import (?!type )[^;]*?from '([^']+)';/gms)].map((m) => m[1]!);
  }

  it('the entry point and the command modules import no engine: each command loads its own when it runs', () => {
    const light = [
      path.join(root, 'src/cli/main.ts'),
      path.join(root, 'src/cli/run-command.ts'),
      ...readdirSync(path.join(root, 'src/cli/commands'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(root, 'src/cli/commands', f)),
    ];
    const allowed =
      /^(node:|\.\/|\.\.\/(command|io|run-command)\.js$|\.\.\/(\.\.\/)?version\.js$|\.\.\/(\.\.\/)?core\/(fail-on|inert-text|snapshot-errors|stream-inert)\.js$|\.\.\/\.\.\/report\/docs-links\.js$|\.\.\/\.\.\/doc\/mediator-mode\.js$)/;
    const heavy = light.flatMap((file) =>
      staticImports(file)
        .filter((spec) => !allowed.test(spec))
        .map((spec) => `${path.relative(root, file)}: ${spec}`),
    );
    expect(heavy).toEqual([]);
  });
});
