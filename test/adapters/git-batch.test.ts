/**
 * Reading a local repository in batches: blob contents through one `git cat-file --batch`, and the
 * changed files with their hunks from two `git diff` runs whatever the number of files — the same
 * answers as one git process per file.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitBlobReader } from '../../src/adapters/git-blobs.js';
import { changedFilesBetween } from '../../src/adapters/git-changes.js';

let dir: string;
let base: string;
let head: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const commit = (message: string) => {
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
};
const write = (file: string, text: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'blueprint-review-git-'));
  git('init', '-q', '-b', 'main');
  write('api/orders.yaml', 'openapi: 3.1.0\ninfo:\n  title: Orders\n  version: 1.0.0\n');
  write('docs/old name.md', Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n');
  write('gone.json', '{}\n');
  write('run.sh', 'echo hi\n');
  write('*.yaml', 'a: 1\n'); // a name that is also a glob
  base = commit('base');
  write('api/orders.yaml', 'openapi: 3.1.0\ninfo:\n  title: Orders API\n  version: 1.1.0\n');
  renameSync(path.join(dir, 'docs/old name.md'), path.join(dir, 'docs/new "name" ä.md'));
  rmSync(path.join(dir, 'gone.json'));
  chmodSync(path.join(dir, 'run.sh'), 0o755);
  write('bin/data.bin', Buffer.from([0, 1, 2, 255, 0]));
  write('*.yaml', 'a: 2\n');
  for (let i = 0; i < 30; i++) write(`vendor/file-${i}.js`, `export const v = ${i};\n`);
  head = commit('head');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('changedFilesBetween', () => {
  it('lists every file with the hunks a per-file git diff gives', async () => {
    const files = await changedFilesBetween(dir, base, head);
    expect(files).toHaveLength(36);
    for (const file of files) {
      const paths = file.previousPath !== undefined ? [file.previousPath, file.path] : [file.path];
      const single = git(
        '--literal-pathspecs',
        'diff',
        '-M',
        '-U3',
        '--no-color',
        '--no-ext-diff',
        base,
        head,
        '--',
        ...paths,
      );
      const hunks = single.indexOf('\n@@');
      expect(file.patch, file.path).toBe(hunks >= 0 ? single.slice(hunks + 1) : undefined);
    }
    expect(files.find((f) => f.status === 'renamed')).toMatchObject({
      previousPath: 'docs/old name.md',
      path: 'docs/new "name" ä.md',
    });
    expect(files.find((f) => f.path === 'gone.json')?.status).toBe('removed');
    expect(files.find((f) => f.path === '*.yaml')?.patch).toBe('@@ -1 +1 @@\n-a: 1\n+a: 2');
  });

  it('takes a file that became a symbolic link (git diff writes two patches for it) in its stride', async () => {
    // `review` stopped with "internal error: git diff gave 2 patches for 1 files" on a pull request
    // replacing a contract with a link, instead of reviewing it (the link is named, never followed).
    git('checkout', '-q', '-b', 'typechange', base);
    rmSync(path.join(dir, 'api/orders.yaml'));
    symlinkSync('/etc/passwd', path.join(dir, 'api/orders.yaml'));
    write('run.sh', 'echo bye\n');
    const linked = commit('a contract becomes a link');
    git('checkout', '-q', 'main');
    const files = await changedFilesBetween(dir, base, linked);
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['api/orders.yaml', 'changed'],
      ['run.sh', 'modified'],
    ]);
    // The head side: the link's one line, added.
    expect(files[0]!.patch).toBe('@@ -0,0 +1 @@\n+/etc/passwd\n\\ No newline at end of file');
    expect(files[1]!.patch).toBe('@@ -1 +1 @@\n-echo hi\n+echo bye');
  });

  it('diffs only the files asked for', async () => {
    const files = await changedFilesBetween(dir, base, head, {
      withPatch: (f) => /\.(ya?ml|json)$/.test(f.path),
    });
    expect(files).toHaveLength(36);
    expect(files.filter((f) => f.patch !== undefined).map((f) => f.path)).toEqual([
      '*.yaml',
      'api/orders.yaml',
      'gone.json',
    ]);
  });
});

describe('GitBlobReader', () => {
  it('reads blobs through one process, in any order and at once, and again after it went idle', async () => {
    const ids = git('ls-tree', '-r', '--format=%(objectname) %(path)', head)
      .split('\n')
      .map((line) => line.split(' ', 2) as [string, string]);
    const reader = new GitBlobReader(dir);
    const contents = await Promise.all(ids.map(([id]) => reader.read(id)));
    ids.forEach(([id], i) =>
      expect(contents[i]!.equals(execFileSync('git', ['cat-file', 'blob', id], { cwd: dir }))).toBe(true),
    );
    const binary = ids.findIndex(([, file]) => file === 'bin/data.bin');
    expect([...contents[binary]!]).toEqual([0, 1, 2, 255, 0]);
    // Read after read goes to the same process; after a second without reads it ends, and a later
    // read starts another.
    expect((await reader.read(ids[0]![0])).toString('utf8')).toBe(contents[0]!.toString('utf8'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await reader.read(ids[1]![0])).toString('utf8')).toBe(contents[1]!.toString('utf8'));
  });

  it('rejects ids that are not blobs or not there, and keeps answering the others', async () => {
    const reader = new GitBlobReader(dir);
    const tree = git('rev-parse', `${head}^{tree}`);
    const blob = git('rev-parse', `${head}:run.sh`);
    const results = await Promise.allSettled([
      reader.read('0'.repeat(40)),
      reader.read(tree),
      reader.read(blob),
      reader.read('not-an-id'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseFulfilledResult<Buffer>).value.toString()).toBe('echo hi\n');
  });
});
