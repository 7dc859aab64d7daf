import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitFileSource } from '../../src/adapters/git-file-source.js';

describe('GitFileSource', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
  git('init', '-q');
  mkdirSync(path.join(root, 'bp'));
  writeFileSync(path.join(root, 'bp/blueprint.yaml'), 'kind: Blueprint\n');
  symlinkSync('/dev/zero', path.join(root, 'bp/zero.yaml'));
  symlinkSync('blueprint.yaml', path.join(root, 'bp/alias.yaml'));
  git('add', '-A');
  git('commit', '-qm', 'snapshot');

  it('reads regular files of the commit', async () => {
    const source = await GitFileSource.open(root, 'HEAD');
    expect(await source.read('bp/blueprint.yaml')).toEqual({ kind: 'ok', text: 'kind: Blueprint\n' });
    expect(await source.read('bp/absent.yaml')).toEqual({ kind: 'missing' });
  });

  it('names a symbolic link instead of calling it missing, and never follows it', async () => {
    const source = await GitFileSource.open(root, 'HEAD');
    for (const link of ['bp/zero.yaml', 'bp/alias.yaml'])
      expect(await source.read(link)).toEqual({
        kind: 'unreadable',
        reason: 'a symbolic link (links in a git snapshot are not followed)',
        cause: 'not-a-file',
      });
    expect(await source.list('bp')).toEqual(['bp/blueprint.yaml']);
  });
});
