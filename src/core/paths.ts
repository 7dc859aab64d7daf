/**
 * Repository-relative path arithmetic. Untrusted documents name other files (`$ref`, `include`,
 * `contract.file`); every such name goes through `resolveRepoPath`, which refuses anything that
 * would leave the snapshot.
 */
import { quoted } from './inert-text.js';

export type PathResolution = { kind: 'ok'; path: string } | { kind: 'rejected'; reason: string };

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/** Resolves `target` relative to the folder `fromFolder`; both repository-relative. */
export function resolveRepoPath(fromFolder: string, target: string): PathResolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return {
      kind: 'rejected',
      reason: `${quoted(target)} is a URL; only files inside the repository are read`,
    };
  }
  if (target.startsWith('/') || target.startsWith('\\')) {
    return {
      kind: 'rejected',
      reason: `${quoted(target)} is an absolute path; use a path relative to the file`,
    };
  }
  if (target.includes('\0') || target.includes('\\')) {
    return { kind: 'rejected', reason: `${quoted(target)} is not a valid repository path` };
  }
  const out: string[] = fromFolder === '' ? [] : fromFolder.split('/');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0)
        return { kind: 'rejected', reason: `${quoted(target)} points outside the repository` };
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return { kind: 'ok', path: out.join('/') };
}

/** The path of `path` relative to `folder` when inside it, for display. */
export function relativeTo(folder: string, path: string): string {
  if (folder === '') return path;
  return path.startsWith(folder + '/') ? path.slice(folder.length + 1) : path;
}

/** `target` (a repository path) as written from inside `folder` (`''`: the root): `../contracts/x.yaml`. */
export function relativePath(folder: string, target: string): string {
  const from = folder === '' ? [] : folder.split('/');
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
