import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository a path belongs to: the nearest ancestor with a `.git`, else the path itself.
 * Findings name files relative to it, as GitHub does. (A module of its own: `diff` needs only this,
 * not the blueprint loader and its validators that repository.ts brings.)
 */
export function findRepositoryRoot(target: string): string {
  let dir = path.resolve(target);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(target);
    dir = parent;
  }
}
