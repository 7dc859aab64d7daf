import type { LocatedDocument } from '../core/located-document.js';

/**
 * The spec validators are handed a resolver that serves files only from the documents already read
 * from the snapshot: nothing is fetched from the network or read from disk, whatever the `$ref`s
 * say. Documents live under a fake root so the parsers' relative-path arithmetic cannot name a real
 * file.
 */
export const VIRTUAL_ROOT = '/__blueprint_snapshot__/';

export interface ContractProblem {
  file: string;
  pointer: string;
  message: string;
}

/** Serves `root`-relative URLs from the snapshot's documents (their text when given); refuses the rest. */
export function serveFromSnapshot(
  root: string,
  documents: ReadonlyMap<string, LocatedDocument>,
  texts: ReadonlyMap<string, string>,
): (url: string) => string {
  return (url) => {
    const path = url.replace(/^file:\/\//, '');
    if (!path.startsWith(root)) throw new Error(`refused to read ${url}: only repository files are read`);
    const repoPath = decodeURIComponent(path.slice(root.length));
    const text =
      texts.get(repoPath) ??
      (documents.has(repoPath) ? JSON.stringify(documents.get(repoPath)!.value) : undefined);
    if (text === undefined) throw new Error(`${repoPath} is not in the repository snapshot`);
    return text;
  };
}
