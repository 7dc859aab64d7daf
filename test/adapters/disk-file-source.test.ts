import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskFileSource } from '../../src/adapters/disk-file-source.js';

describe('DiskFileSource', () => {
  const outside = mkdtempSync(path.join(tmpdir(), 'bpr-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  const root = mkdtempSync(path.join(tmpdir(), 'bpr-repo-'));
  mkdirSync(path.join(root, 'bp/contracts'), { recursive: true });
  writeFileSync(path.join(root, 'bp/blueprint.yaml'), 'kind: Blueprint\n');
  writeFileSync(path.join(root, 'bp/contracts/big.yaml'), 'x'.repeat(2000));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'bp/link.yaml'));
  symlinkSync(outside, path.join(root, 'bp/linked-dir'));
  const source = new DiskFileSource(root, 1000);

  it('reads files inside the root', async () => {
    expect(await source.read('bp/blueprint.yaml')).toEqual({ kind: 'ok', text: 'kind: Blueprint\n' });
  });

  it('does not follow symlinks out of the repository', async () => {
    expect(await source.read('bp/link.yaml')).toEqual({ kind: 'missing' });
    expect(await source.read('bp/linked-dir/secret.txt')).toEqual({ kind: 'missing' });
    expect(await source.read('../' + path.basename(outside) + '/secret.txt')).toEqual({ kind: 'missing' });
  });

  it('refuses files over the size limit without reading them', async () => {
    expect(await source.read('bp/contracts/big.yaml')).toEqual({
      kind: 'too-large',
      bytes: 2000,
      limit: 1000,
    });
  });

  it('lists regular files under a folder, sorted, without symlinked escapes', async () => {
    expect(await source.list('bp')).toEqual(['bp/blueprint.yaml', 'bp/contracts/big.yaml']);
  });
});
