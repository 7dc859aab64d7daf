/**
 * A real git repository in a temporary folder with a base commit and a head commit, so tests get
 * real blob SHAs, trees and `git diff` hunks (the same format as GitHub's `patch`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Files } from './shop.js';

export interface TwoCommitRepo {
  dir: string;
  baseSha: string;
  headSha: string;
  remove(): void;
}

function run(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

function writeAll(dir: string, files: Files): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

export function commitAll(dir: string, message: string): string {
  run(dir, ['add', '-A']);
  run(dir, [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    message,
  ]);
  return run(dir, ['rev-parse', 'HEAD']);
}

/**
 * `links`: symbolic links the head adds (path → target), as anyone who can push may commit them: a
 * path the base holds as a file becomes a link.
 */
export function twoCommitRepo(base: Files, head: Files, links: Record<string, string> = {}): TwoCommitRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-review-'));
  run(dir, ['init', '-q', '-b', 'main']);
  writeAll(dir, base);
  const baseSha = commitAll(dir, 'base');
  run(dir, ['checkout', '-q', '-b', 'feature']);
  for (const file of Object.keys(base)) if (!(file in head)) rmSync(path.join(dir, file));
  writeAll(dir, head);
  for (const [link, target] of Object.entries(links)) {
    rmSync(path.join(dir, link), { force: true });
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  const headSha = commitAll(dir, 'head');
  return { dir, baseSha, headSha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
