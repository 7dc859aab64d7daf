/**
 * The files the CLI writes where the user told it to (`init`'s blueprint, `doc -o`, `--output`). A
 * folder that cannot be written is the user's to fix, like a mistyped path: said in one line that
 * names the file and why, exit 2 — never an internal error with a stack trace.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DeadLink, deadLinkOnPath } from '../adapters/dead-link.js';
import { makeFolder } from '../adapters/make-folder.js';
import { plainText } from '../core/inert-text.js';
import { UsageError } from './io.js';

/** Writes `text` to `file`, making its folder first; `shown` is how the user named it. */
export function writeOutputFile(file: string, text: string, shown: string, cwd: string): void {
  try {
    makeFolder(path.dirname(file));
    writeFileSync(file, text);
  } catch (error) {
    throw cannotWrite(shown, error, cwd);
  }
}

/** Makes `folder` (and its parents); `shown` is how the user named it. */
export function makeOutputFolder(folder: string, shown: string, cwd: string): void {
  try {
    makeFolder(folder);
  } catch (error) {
    throw cannotWrite(shown, error, cwd);
  }
}

/** Why a write failed, in words, for the file-system errors a user can meet and fix. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where the file would go',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many links to follow',
  // Its folder exists but takes no new entries (as under /proc); a broken link is told apart first.
  ENOENT: 'nothing can be made there (its folder takes no new entries)',
};

function cannotWrite(shown: string, error: unknown, cwd: string): Error {
  const failure = error as NodeJS.ErrnoException;
  const reason = failure.code !== undefined ? REASONS[failure.code] : undefined;
  // Anything else (a bug, not the file system) stays an internal error with its stack.
  if (reason === undefined) return error instanceof Error ? error : new Error(String(error));
  // A link that leads nowhere makes the system answer with a code that describes something else
  // (mkdir says EEXIST, as for a file): what truly stands in the way is said instead, naming it.
  const deadLink = deadLinkOnPath(path.resolve(cwd, shown));
  if (deadLink !== undefined) {
    return new UsageError(
      `cannot write ${plainText(shown)}: ${deadLinkReason(deadLink, shown, cwd)} (${failure.code})`,
    );
  }
  // The path the system refused can be a parent of the file asked for: both are named. Paths can be
  // built from repository text: each is shown inert, so the message stays one line.
  const refused = refusedPath(failure.path, shown, cwd);
  const where = refused !== undefined ? ` at ${plainText(refused)}` : '';
  return new UsageError(`cannot write ${plainText(shown)}: ${reason}${where} (${failure.code})`);
}

function deadLinkReason(deadLink: DeadLink, shown: string, cwd: string): string {
  const where = plainText(refusedPath(deadLink.link, shown, cwd) ?? shown);
  return deadLink.kind === 'loop'
    ? `a loop of links stands at ${where}`
    : `a link to a missing target (${plainText(deadLink.target)}) stands at ${where}`;
}

/**
 * The path the system refused, when it is not the file itself: named as the user named the file —
 * relative to where they stand, or absolute if they gave it so.
 */
function refusedPath(refusedEntry: string | undefined, shown: string, cwd: string): string | undefined {
  if (refusedEntry === undefined) return undefined;
  const refused = path.resolve(cwd, refusedEntry);
  if (refused === path.resolve(cwd, shown)) return undefined;
  return path.isAbsolute(shown) ? refused : path.relative(cwd, refused) || '.';
}
