import type { LocatedDocument } from './located-document.js';
import { encodeSegment, getAtPointer } from './pointer.js';
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
  const pointer = isAnchorFragment(target.pointer)
    ? anchorPointer(doc.value, target.pointer)
    : target.pointer;
  const value = pointer === undefined ? undefined : getAtPointer(doc.value, pointer);
  if (value === undefined) return { kind: 'missing', target };
  return {
    kind: 'ok',
    target: pointer === target.pointer ? target : { file: target.file, pointer: pointer! },
    value,
  };
}

/** Does a `$ref` fragment name a JSON Schema plain-name anchor (`#order`) rather than a pointer (`#/a`)? */
export function isAnchorFragment(fragment: string): boolean {
  return fragment !== '' && !fragment.startsWith('/');
}

/**
 * Where the schema that declares plain-name anchor `name` is in a document (`$anchor: name`, a
 * `$dynamicAnchor`, which a `$ref` may name too, or draft-07 `$id: '#name'`): its pointer, or
 * undefined when no schema declares it, or more than one does (anchors of separate `$id` resources
 * are not told apart, so which one is meant is not guessed). Walked with its own stack: hostile
 * nesting cannot exhaust the call stack.
 */
export function anchorPointer(value: unknown, name: string): string | undefined {
  let found: string | undefined;
  const stack: { node: unknown; pointer: string }[] = [{ node: value, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    if (!Array.isArray(node) && declaresAnchor(node as Record<string, unknown>, name)) {
      if (found !== undefined) return undefined;
      found = pointer;
    }
    for (const [key, child] of entries)
      stack.push({ node: child, pointer: `${pointer}/${encodeSegment(key)}` });
  }
  return found;
}

function declaresAnchor(node: Record<string, unknown>, name: string): boolean {
  return node.$anchor === name || node.$dynamicAnchor === name || node.$id === `#${name}`;
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
