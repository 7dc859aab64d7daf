/**
 * `mkdir -p` that ends on the first refusal. Node's own recursive `mkdirSync` (20.x) never returns
 * where a folder exists but cannot hold a new one — under `/proc`, mkdir of the child says ENOENT, the
 * walk steps back to the parent, which exists, and forward to the child again, forever — so a
 * mistyped output path would hang the command at full CPU. Here each missing folder is made once,
 * outermost first, and the system's answer for it is final.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Makes `folder` and its missing parents; throws the file system's error for the first it cannot make. */
export function makeFolder(folder: string): void {
  const missing = missingFolders(path.resolve(folder));
  // Nothing missing: an entry stands there already; a file is refused as mkdir refuses it (EEXIST).
  if (missing.length === 0 && !isFolder(folder)) mkdirSync(folder);
  for (const entry of missing) makeOne(entry);
}

/** `folder` and the parents above it that do not exist, outermost first. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  let current = folder;
  // An error other than "no such entry" (a parent that is a file, a folder it may not search) is
  // thrown as it is: it names the path the system refused.
  while (statSync(current, { throwIfNoEntry: false }) === undefined) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing;
}

function makeOne(folder: string): void {
  try {
    mkdirSync(folder);
  } catch (error) {
    // Another process made it meanwhile: what was wanted is there. Anything else (a broken link
    // standing there, a file made meanwhile) is the refusal.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(folder)) return;
    throw error;
  }
}

function isFolder(entry: string): boolean {
  return statSync(entry, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
