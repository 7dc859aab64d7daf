/**
 * A contract's path made a git submodule on the head (a gitlink, mode 160000): the review reads no
 * submodule (it would lead outside the snapshot, to whatever commit the link names), so the contract
 * is one it cannot compare — an error at the path the blueprint names, and the check fails closed —
 * never "unchanged" nor "removed" without a word.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { twoCommitRepo } from '../app/support/git-repo.js';
import { ORDERS_API, shopFiles } from '../app/support/shop.js';
import { runCli } from '../support/run-cli.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

describe('review of a head that makes a contract a git submodule', () => {
  it('says the path is a submodule, cannot compare the contract, and fails', async () => {
    const base = shopFiles();
    const repo = twoCommitRepo(base, base);
    cleanup.push(repo.remove);
    // The contract's file replaced by a gitlink to some commit (here the base's), as `git submodule
    // add` would leave it in the tree; its folder stays empty, as an uninitialised submodule's does.
    git(repo.dir, ['rm', '-q', ORDERS_API]);
    mkdirSync(path.join(repo.dir, ORDERS_API), { recursive: true });
    git(repo.dir, ['update-index', '--add', '--cacheinfo', `160000,${repo.baseSha},${ORDERS_API}`]);
    git(repo.dir, ['commit', '-q', '-m', 'the contract becomes a submodule']);
    expect(git(repo.dir, ['ls-tree', 'HEAD', ORDERS_API])).toMatch(/^160000 commit /);

    const { stdout, code } = await runCli(
      ['review', '--base', 'main', '--head', 'feature', '--format', 'json', repo.dir],
      repo.dir,
    );
    expect(code).toBe(1);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`${ORDERS_API.replace('blueprint/', '')} is a git submodule`);
    expect(text).toContain('schema/not-a-file');
    expect(text).toMatch(/does not load/);
  }, 60_000);
});
