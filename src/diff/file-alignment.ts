import type { ContractTree } from './load.js';

/**
 * How files of the two sides pair up: the roots with each other (`diff old.yaml new.yaml`), and
 * every other file by its path relative to its root's folder, so `base/api.yaml` → `base/shared/x`
 * pairs with `head/shared/x` when the sides are two folders of one checkout.
 */
export function fileAlignment(base: ContractTree, head: ContractTree) {
  const dir = (file: string) => file.slice(0, file.lastIndexOf('/') + 1);
  const baseDir = dir(base.root);
  const headDir = dir(head.root);
  const move = (file: string, from: string, to: string) =>
    from !== to && file.startsWith(from) ? to + file.slice(from.length) : file;
  return {
    headFileOf: (baseFile: string) => (baseFile === base.root ? head.root : move(baseFile, baseDir, headDir)),
    baseFileOf: (headFile: string) => (headFile === head.root ? base.root : move(headFile, headDir, baseDir)),
  };
}
