import type { LocatedDocument } from './located-document.js';
import { getAtPointer } from './pointer.js';
import { dirname, resolveRepoPath } from './paths.js';

/** Where a `$ref` leads: a file in the snapshot and a pointer inside it. */
export interface RefTarget {
  file: string;
  pointer: string;
}

export type RefResolution =
  | { kind: 'ok'; target: RefTarget; value: unknown }
  | { kind: 'unsafe'; reason: string }
  | { kind: 'missing'; target: RefTarget };

/** Splits `other.yaml#/components/x` into a path relative to `fromFile` and a pointer. */
export function refTarget(fromFile: string, ref: string): RefTarget | { unsafe: string } {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  if (filePart === '') return { file: fromFile, pointer };
  const resolved = resolveRepoPath(dirname(fromFile), filePart);
  if (resolved.kind === 'rejected') return { unsafe: resolved.reason };
  return { file: resolved.path, pointer };
}

/** Resolves one `$ref` against documents already loaded from the snapshot; never reads anything. */
export function resolveRef(
  documents: ReadonlyMap<string, LocatedDocument>,
  fromFile: string,
  ref: string,
): RefResolution {
  const target = refTarget(fromFile, ref);
  if ('unsafe' in target) return { kind: 'unsafe', reason: target.unsafe };
  const doc = documents.get(target.file);
  if (!doc) return { kind: 'missing', target };
  const value = getAtPointer(doc.value, target.pointer);
  if (value === undefined) return { kind: 'missing', target };
  return { kind: 'ok', target, value };
}

/** Every `$ref` string in a value, with the pointer of the object that holds it. */
export function collectRefs(value: unknown, at = ''): { pointer: string; ref: string }[] {
  const out: { pointer: string; ref: string }[] = [];
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer: at }];
  // Children go on the stack last first, so they come off in the document's order: the first `$ref`
  // to a missing file, the one a finding points at, is the first an author reads.
  while (stack.length > 0) {
    const { value: node, pointer } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], pointer: `${pointer}/${i}` });
      continue;
    }
    // The node's own `$ref` is listed now, before anything under it comes off the stack.
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (key === '$ref' && typeof child === 'string') out.push({ pointer, ref: child });
      else
        stack.push({ value: child, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return out;
}
