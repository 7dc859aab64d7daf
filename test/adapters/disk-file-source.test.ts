import { execFileSync } from 'node:child_process';
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

  it('decodes a large file as UTF-8 in one piece: characters across read-chunk boundaries and invalid bytes', async () => {
    // fs reads in 64 KiB chunks: put multi-byte characters across every boundary, and end on a
    // truncated sequence, which decodes to U+FFFD like any invalid byte.
    const text = 'é€😀'.repeat(60_000);
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xe2, 0x82])]);
    const big = mkdtempSync(path.join(tmpdir(), 'bpr-big-'));
    writeFileSync(path.join(big, 'api.json'), bytes);
    const read = await new DiskFileSource(big, bytes.length).read('api.json');
    expect(read).toEqual({ kind: 'ok', text: text + '\uFFFD' });
  });

  it('does not follow symlinks out of the repository, and says so', async () => {
    expect(await source.read('bp/link.yaml')).toEqual({
      kind: 'unreadable',
      reason: 'a symbolic link to a path outside the repository',
      cause: 'not-a-file',
    });
    expect(await source.read('bp/linked-dir/secret.txt')).toEqual({
      kind: 'unreadable',
      reason: 'reached through a symbolic link that leads outside the repository',
      cause: 'not-a-file',
    });
    expect(await source.read('../' + path.basename(outside) + '/secret.txt')).toEqual({ kind: 'missing' });
  });

  it('names what is not a regular file — a FIFO, a device, a directory, a dangling link — without opening it', async () => {
    execFileSync('mkfifo', [path.join(root, 'bp/pipe.yaml')]);
    symlinkSync('/dev/zero', path.join(root, 'bp/zero.yaml'));
    symlinkSync(path.join(root, 'bp/nowhere.yaml'), path.join(root, 'bp/dangling.yaml'));
    symlinkSync(path.join(root, 'bp/blueprint.yaml'), path.join(root, 'bp/inside-link.yaml'));
    const notAFile = (reason: string) => ({ kind: 'unreadable', reason, cause: 'not-a-file' });
    expect(await source.read('bp/pipe.yaml')).toEqual(notAFile('a FIFO (named pipe)'));
    expect(await source.read('bp/zero.yaml')).toEqual(
      notAFile('a symbolic link to a path outside the repository'),
    );
    expect(await source.read('bp/contracts')).toEqual(notAFile('a directory'));
    expect(await source.read('bp/dangling.yaml')).toEqual(
      notAFile('a symbolic link whose target does not exist'),
    );
    expect(await source.read('bp/inside-link.yaml')).toEqual({ kind: 'ok', text: 'kind: Blueprint\n' });
    expect(await source.read('bp/absent.yaml')).toEqual({ kind: 'missing' });
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

  it('lists a folder that is not there as empty, and refuses one the disk will not list', async () => {
    expect(await source.list('bp/policies')).toEqual([]);
    expect(await source.list('bp/blueprint.yaml')).toEqual([]);
    // A link to itself: readdir fails (ELOOP) as it would on a folder without read permission, which
    // this test, run as root, cannot make. Its files are unknown, never "none".
    const looped = mkdtempSync(path.join(tmpdir(), 'bpr-loop-'));
    symlinkSync('adr', path.join(looped, 'adr'));
    await expect(new DiskFileSource(looped).list('adr')).rejects.toMatchObject({
      name: 'UnlistableFolderError',
      folder: 'adr',
      code: 'ELOOP',
    });
  });
});
