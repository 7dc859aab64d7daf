/**
 * `diff <file> --base REF [--head REF]`: one contract compared with itself as a branch changed it —
 * from the merge base of REF and the head, as a pull request shows it — each side with the `$ref`ed
 * files of its own commit, in a real git repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const ROOT_DOC = `openapi: 3.0.3
info: {title: Orders, version: 1.0.0}
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: './schemas.yaml#/Order'}
`;

const order = (required: string, extra = '') => `Order:
  type: object
  required: [${required}]
  properties:
    id: {type: string}
    total: {type: number}
    currency: {type: string}
${extra}`;

let dir = '';
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
};
const diff = (args: string[], cwd = dir) => runCli(['diff', ...args], cwd);
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bpr-diff-git-'));
  git('init', '-q', '-b', 'main');
  write('apis/orders.yaml', ROOT_DOC);
  write('apis/schemas.yaml', order('id, total, currency'));
  commit('base');
  // The branch makes `total` optional, in the file the contract `$ref`s.
  git('checkout', '-q', '-b', 'feature');
  write('apis/schemas.yaml', order('id, currency'));
  commit('feature: total optional');
  // Meanwhile main makes `currency` optional: not the branch's change.
  git('checkout', '-q', 'main');
  write('apis/schemas.yaml', order('id, total'));
  commit('main: currency optional');
  git('checkout', '-q', 'feature');
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diff <file> --base REF', () => {
  it('reports what the branch changed in a $ref-ed file, not what the base branch changed meanwhile', async () => {
    const { code, stdout } = await diff(['apis/orders.yaml', '--base', 'main', '--format', 'json']);
    expect(code).toBe(1);
    const changes = (JSON.parse(stdout) as { changes: { id: string; message: string }[] }).changes;
    expect(changes.map((c) => c.id)).toEqual(['response-property-became-optional']);
    expect(changes[0]!.message).toContain('`total`');
  });

  it('reads the head from the working tree, uncommitted edits included', async () => {
    write('apis/schemas.yaml', order('id, currency', '    note: {type: string}\n'));
    try {
      const { code, stdout } = await diff(['apis/orders.yaml', '--base', 'main', '--format', 'json']);
      expect(code).toBe(1);
      const ids = (JSON.parse(stdout) as { changes: { id: string }[] }).changes.map((c) => c.id).sort();
      expect(ids).toEqual(['response-property-added', 'response-property-became-optional']);
    } finally {
      git('checkout', '-q', '--', 'apis/schemas.yaml');
    }
  });

  it('takes the file relative to the current folder, and names both commits in the Markdown title', async () => {
    const { code, stdout } = await diff(
      ['orders.yaml', '--base', 'main', '--head', 'feature', '--format', 'markdown'],
      path.join(dir, 'apis'),
    );
    expect(code).toBe(1);
    const mergeBase = git('merge-base', 'main', 'feature').slice(0, 7);
    expect(stdout.split('\n')[0]).toBe(
      `## Contract changes: \`apis/orders.yaml\` at \`main (merge base ${mergeBase})\` → \`apis/orders.yaml\` at \`feature\``,
    );
  });

  it('compares from the merge base the other way too: what main changed since the branch left it', async () => {
    const { code, stdout } = await diff(['apis/orders.yaml', '--base', 'feature', '--head', 'main', '-q']);
    expect(code).toBe(1);
    expect(oneLine(stdout)).toContain('Response field `currency` of `GET /orders` (200) became optional');
    expect(stdout).not.toContain('`total`');
  });

  it('calls a file the merge base lacks an added contract (exit 0), and one the head lacks a removed one', async () => {
    write('apis/new.yaml', ROOT_DOC);
    try {
      const added = await diff(['apis/new.yaml', '--base', 'main', '--format', 'json']);
      expect(added.code).toBe(0);
      expect((JSON.parse(added.stdout) as { changes: { id: string }[] }).changes.map((c) => c.id)).toEqual([
        'contract-added',
      ]);
    } finally {
      rmSync(path.join(dir, 'apis/new.yaml'));
    }
    rmSync(path.join(dir, 'apis/orders.yaml'));
    try {
      const removed = await diff(['apis/orders.yaml', '--base', 'main', '--format', 'json']);
      expect(removed.code).toBe(1);
      expect((JSON.parse(removed.stdout) as { changes: { id: string }[] }).changes.map((c) => c.id)).toEqual([
        'contract-removed',
      ]);
    } finally {
      git('checkout', '-q', '--', 'apis/orders.yaml');
    }
  });

  it('a path in neither side cannot be compared (exit 2), rather than passing', async () => {
    const { code, stderr } = await diff(['apis/ordres.yaml', '--base', 'main']);
    expect(code).toBe(2);
    expect(stderr).toContain('apis/ordres.yaml');
    expect(stderr).toContain('exists neither in the base nor in the head');
  });

  it.each([
    [['apis/orders.yaml', '--base', 'no-such-branch'], '"no-such-branch" is not a commit'],
    [['apis/orders.yaml', '--base', 'main', '--head', 'nope'], '"nope" is not a commit'],
    [['apis/orders.yaml', '--head', 'main'], '--head needs --base'],
    [['apis/orders.yaml', 'apis/schemas.yaml', '--base', 'main'], 'expected one file'],
    [['-', '--base', 'main'], 'not standard input'],
  ])('refuses %j as a usage error (exit 2)', async (args, message) => {
    const { code, stderr } = await diff(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('outside a git repository, says so (exit 2)', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'bpr-diff-nogit-'));
    try {
      writeFileSync(path.join(outside, 'api.yaml'), ROOT_DOC);
      const { code, stderr } = await diff(['api.yaml', '--base', 'main'], outside);
      expect(code).toBe(2);
      expect(stderr).toContain('is not inside a git repository');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('in a shallow clone (a checkout of one commit), says to fetch the history, whatever it lacks', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'bpr-diff-shallow-'));
    try {
      execFileSync('git', [
        'clone',
        '-q',
        '--depth',
        '1',
        '--no-single-branch',
        '-b',
        'feature',
        `file://${dir}`,
        clone,
      ]);
      const noHistory = await diff(['apis/orders.yaml', '--base', 'origin/main'], clone);
      expect(noHistory.code).toBe(2);
      expect(noHistory.stderr).toContain('origin/main and HEAD have no common commit. This clone is shallow');
      expect(noHistory.stderr).toContain('fetch-depth: 0');
      const noRef = await diff(['apis/orders.yaml', '--base', 'main'], clone);
      expect(noRef.code).toBe(2);
      expect(noRef.stderr).toContain('"main" is not a commit in this repository. This clone is shallow');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('names unrelated histories without a hint about shallow clones when the clone is whole', async () => {
    git('checkout', '-q', '--orphan', 'unrelated');
    commit('another history');
    try {
      const { code, stderr } = await diff(['apis/orders.yaml', '--base', 'main', '--head', 'unrelated']);
      expect(code).toBe(2);
      expect(stderr).toContain('main and unrelated have no common commit');
      expect(stderr).not.toContain('shallow');
    } finally {
      git('checkout', '-q', '-f', 'feature');
    }
  });
});
