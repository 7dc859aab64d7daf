import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository a path belongs to: the nearest ancestor with a `.git`. Findings name files relative
 * to it, as GitHub does, and a blueprint reads no file outside it. (A module of its own: `diff` needs
 * only this, not the blueprint loader and its validators that repository.ts brings.)
 *
 * Outside a git repository, the working directory when it holds the path — the folder the user works
 * in, where `init` put the blueprint beside the contracts it names (`file: ../api/orders.yaml`), so
 * `lint blueprint` run next reads them as `init` did — else the path itself.
 */
export function findRepositoryRoot(target: string, cwd?: string): string {
  const absolute = path.resolve(target);
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return cwd !== undefined && isWithin(absolute, path.resolve(cwd)) ? path.resolve(cwd) : absolute;
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !path.isAbsolute(relative) && relative.split(path.sep)[0] !== '..';
}
