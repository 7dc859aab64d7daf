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

/** Submodules (gitlinks, mode 160000) each commit holds: path → the commit the link names. */
export interface Submodules {
  base?: Record<string, string>;
  /** Those the head holds besides the base's (another commit for a path moves its pointer). */
  head?: Record<string, string>;
}

/**
 * `links`: symbolic links the head adds (path → target), as anyone who can push may commit them: a
 * path the base holds as a file becomes a link. `baseLinks`: those the base already holds (the head
 * keeps each unless `links` retargets it).
 */
export function twoCommitRepo(
  base: Files,
  head: Files,
  links: Record<string, string> = {},
  baseLinks: Record<string, string> = {},
  submodules: Submodules = {},
): TwoCommitRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-review-'));
  run(dir, ['init', '-q', '-b', 'main']);
  writeAll(dir, base);
  linkAll(dir, baseLinks);
  gitlinkAll(dir, submodules.base ?? {});
  const baseSha = commitAll(dir, 'base');
  run(dir, ['checkout', '-q', '-b', 'feature']);
  for (const file of Object.keys(base)) if (!(file in head)) rmSync(path.join(dir, file));
  // A base link the head replaces by files goes first: writing through it would change its target.
  const replaced = Object.keys(baseLinks).filter((link) =>
    Object.keys(head).some((file) => file === link || file.startsWith(link + '/')),
  );
  for (const link of replaced) rmSync(path.join(dir, link));
  writeAll(dir, head);
  linkAll(dir, links);
  gitlinkAll(dir, submodules.head ?? {});
  const headSha = commitAll(dir, 'head');
  return { dir, baseSha, headSha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Makes each path a symbolic link to its target, replacing a file there. */
function linkAll(dir: string, links: Record<string, string>): void {
  for (const [link, target] of Object.entries(links)) {
    rmSync(path.join(dir, link), { force: true });
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
}

/**
 * Makes each path a submodule naming `commit`, as `git submodule add` leaves it in the tree; its folder
 * stays empty, as an uninitialised submodule's does (so `git add -A` keeps the gitlink).
 */
function gitlinkAll(dir: string, submodules: Record<string, string>): void {
  for (const [folder, commit] of Object.entries(submodules)) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    run(dir, ['update-index', '--add', '--cacheinfo', `160000,${commit},${folder}`]);
  }
}
