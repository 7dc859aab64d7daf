/**
 * The package as a user gets it: `npm pack`, then installed from the tarball into a folder outside
 * the checkout, then `npx blueprint-review` run there. Offline: the consumer's lock file lists the
 * tarball plus this project's locked production dependencies (and the same overrides), so `npm ci
 * --offline` takes every dependency from the npm cache that this project's own `npm ci` filled.
 * It packs the current `build/` (`npm ci` builds it; run `npm run build` after changing sources). The
 * installed bin also runs on Node 24, fetched from the npm registry (test/support/node-release.ts).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_24, nodeRelease } from '../support/node-release.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  overrides?: Record<string, unknown>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};

let work: string;
let consumer: string;
let packed: string[];
/** Node 24's `node` binary: the Action's runtime and the current LTS (these machines run Node 20). */
let node24: string;

/** Runs a command; resolves with its exit code and output instead of throwing on a non-zero exit. */
async function exec(file: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A consumer project whose lock pins the tarball and this project's production dependency tree. */
function writeConsumer(dir: string, tarball: string): void {
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { 'blueprint-review': spec } },
    'node_modules/blueprint-review': {
      version: pkg.version,
      resolved: spec,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [location, entry] of Object.entries(lock.packages))
    if (location.startsWith('node_modules/') && entry.dev !== true) packages[location] = entry;
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: { 'blueprint-review': spec },
      ...(pkg.overrides ? { overrides: pkg.overrides } : {}),
    }),
  );
  writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }),
  );
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'blueprint-review-pack-'));
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  expect(pack.code, pack.stderr).toBe(0);
  const [result] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = result!.files.map((f) => f.path);
  consumer = path.join(work, 'consumer');
  cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
  mkdirSync(consumer);
  writeConsumer(consumer, `../${result!.filename}`);
  const install = await exec(
    'npm',
    ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
    consumer,
  );
  expect(install.code, install.stderr).toBe(0);
  node24 = nodeRelease(NODE_24);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('the packed package', () => {
  it('holds the compiled CLI, the schemas and the docs — not the sources or tests', () => {
    expect(packed).toContain(pkg.bin['blueprint-review']);
    for (const file of ['blueprint', 'policies', 'config'])
      expect(packed).toContain(`schemas/${file}.schema.json`);
    expect(packed).toContain('docs/rules/README.md');
    expect(packed).toContain('docs/getting-started.md');
    expect(packed.filter((f) => f.endsWith('.ts') || f.includes('.test.'))).toEqual([]);
  });

  it('installs from the tarball in another folder, where `npx blueprint-review lint` works', async () => {
    const installed = path.join(consumer, 'node_modules', 'blueprint-review');
    expect(existsSync(path.join(installed, 'schemas', 'config.schema.json'))).toBe(true);
    expect(existsSync(path.join(installed, 'docs', 'rules', 'README.md'))).toBe(true);

    const clean = await exec(
      'npx',
      ['--no-install', 'blueprint-review', 'lint', '../examples/order-to-cash'],
      consumer,
    );
    expect(clean.stderr).toBe('');
    expect(clean).toMatchObject({ code: 0, stdout: 'No findings.\n' });

    const flawed = await exec(
      'npx',
      ['--no-install', 'blueprint-review', 'lint', '../examples/flawed'],
      consumer,
    );
    expect(flawed.code).toBe(1);
    expect(flawed.stdout).toMatch(/blueprint\.yaml\n {2}\d+:\d+ /);

    const version = await exec('npx', ['--no-install', 'blueprint-review', '--version'], consumer);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });

    // The bundled bin's lazily loaded chunks: the diff engine, with a $ref into a sibling file.
    const contract = '../examples/order-to-cash/contracts/orders-api.openapi.yaml';
    const diff = await exec(
      'npx',
      ['--no-install', 'blueprint-review', 'diff', contract, contract],
      consumer,
    );
    expect(diff).toMatchObject({ code: 0, stderr: '', stdout: 'No changes that concern consumers.\n' });
  }, 180_000);

  it('runs the same on Node 24, with nothing on stderr (the bin picks `node` from PATH)', async () => {
    const env = { ...process.env, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}` };
    const bin = path.join(consumer, 'node_modules', '.bin', 'blueprint-review');
    const reported = await exec(node24, ['-p', 'process.version'], consumer, env);
    expect(reported.stdout).toBe(`v${NODE_24}\n`);

    const clean = await exec(bin, ['lint', '../examples/order-to-cash'], consumer, env);
    expect(clean).toEqual({ code: 0, stdout: 'No findings.\n', stderr: '' });

    const flawed = await exec(bin, ['lint', '../examples/flawed'], consumer, env);
    expect(flawed).toMatchObject({ code: 1, stderr: '' });
    expect(flawed.stdout).toMatch(/blueprint\.yaml\n {2}\d+:\d+ /);

    const contract = '../examples/order-to-cash/contracts/orders-api.openapi.yaml';
    const diff = await exec(bin, ['diff', contract, contract], consumer, env);
    expect(diff).toEqual({ code: 0, stderr: '', stdout: 'No changes that concern consumers.\n' });
  }, 180_000);

  it('starts, documents and explains from the installed package (init, doc, --help: lazily loaded parts)', async () => {
    const bin = path.join(consumer, 'node_modules', '.bin', 'blueprint-review');
    // A repository of the user's own, outside the consumer: contracts to start from.
    const repository = path.join(work, 'repository');
    cpSync(path.join(root, 'test/fixtures/init/contracts'), repository, { recursive: true });
    mkdirSync(path.join(repository, '.git'));
    const init = await exec(bin, ['init', '--from', 'contracts'], repository);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain('Wrote:\n  blueprint/blueprint.yaml');

    const doc = await exec(bin, ['doc', 'blueprint', '-o', 'architecture'], repository);
    expect(doc.stderr).toBe('');
    const written = doc.stdout.trim().split('\n');
    expect(written.filter((file) => file.endsWith('.html'))).toHaveLength(1);
    // The page carries the diagram library (read from the installed dependency), so it opens offline.
    const page = readFileSync(
      path.join(
        repository,
        written.find((file) => file.endsWith('.html'))!,
      ),
      'utf8',
    );
    expect(page.length).toBeGreaterThan(100_000);

    const help = await exec(bin, ['init', '--help'], repository);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: blueprint-review init/);
  }, 180_000);
});
