import { parsePointer } from '../core/pointer.js';
import { refPointer, toPointer } from './pointers.js';
import { refTarget } from '../core/refs.js';
import type { ContractTree } from './load.js';
import { fileAlignment } from './load.js';
import type { Sameness } from './equality.js';
import type { Place } from './types.js';
import { append } from '../core/arrays.js';

/**
 * The structural diff: what changed between two contract trees, as JSON pointers, before anyone
 * judges whether it breaks. Files are aligned by path and values by key (arrays by index), so the
 * same pointer names "the same element" on both sides.
 *
 * It also answers `unchanged(file, pointer)`: is the subtree identical on both sides, including
 * everything it reaches through `$ref`s? The semantic comparison asks that first and skips whatever
 * did not change, which is what keeps a diff of two 12 MB descriptions close to the cost of reading
 * them.
 */
export interface StructuralChange {
  kind: 'added' | 'removed' | 'changed';
  base?: Place;
  head?: Place;
}

export interface StructuralDiff extends Sameness {
  changes: StructuralChange[];
}

/** Deeper than this, a subtree is compared as a whole (no recursion into hostile nesting). */
const MAX_DEPTH = 200;

interface Holder {
  file: string;
  pointer: string;
  targetKey: string;
}

export function structuralDiff(base: ContractTree, head: ContractTree): StructuralDiff {
  const changes: StructuralChange[] = [];
  // The roots are aligned even when their names differ (`diff old.yaml new.yaml`); other files by path.
  // Keys and `file` arguments below are base file names.
  const { headFileOf, baseFileOf } = fileAlignment(base, head);
  // `file#pointer` of every node whose subtree differs, ancestors included.
  const dirty = new Set<string>();
  // Nodes added, removed or replaced wholesale: everything below them differs too.
  const changePoints = new Set<string>();
  const holders: Holder[] = [];
  // Refs inside a subtree both sides share can lead into another file that changed; with one file
  // per side they cannot, and the walk over the shared subtree is skipped.
  const multiFile = base.documents.size > 1 || head.documents.size > 1;

  const markDirty = (file: string, pointer: string, onNew?: (key: string) => void): void => {
    let p = pointer;
    for (;;) {
      const key = `${file}#${p}`;
      if (dirty.has(key)) return;
      dirty.add(key);
      onNew?.(key);
      if (p === '') return;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };

  const record = (file: string, kind: StructuralChange['kind'], path: readonly string[]): void => {
    const pointer = toPointer(path);
    const place = { file, pointer };
    const headPlace = { file: headFileOf(file), pointer };
    changes.push(
      kind === 'added'
        ? { kind, head: headPlace }
        : kind === 'removed'
          ? { kind, base: place }
          : { kind, base: place, head: headPlace },
    );
    changePoints.add(`${file}#${pointer}`);
    markDirty(file, pointer);
  };

  const holderOf = (file: string, path: readonly string[], ref: string): void => {
    const target = refTarget(file, ref);
    if ('unsafe' in target) return;
    holders.push({
      file,
      pointer: toPointer(path),
      targetKey: `${baseFileOf(target.file)}#${refPointer(target.pointer, parsePointer)}`,
    });
  };

  const walk = (file: string, b: unknown, h: unknown, path: string[]): void => {
    if (b === h) {
      if (multiFile && b !== null && typeof b === 'object') collectHolders(file, b, path, holderOf);
      return;
    }
    const bObject = b !== null && typeof b === 'object';
    const hObject = h !== null && typeof h === 'object';
    if (!bObject || !hObject || Array.isArray(b) !== Array.isArray(h)) {
      record(file, 'changed', path);
      return;
    }
    if (path.length > MAX_DEPTH) {
      record(file, 'changed', path); // hostile nesting: not walked, reported as changed
      return;
    }
    if (Array.isArray(b)) {
      const ha = h as unknown[];
      const common = Math.min(b.length, ha.length);
      for (let i = 0; i < common; i++) {
        path.push(String(i));
        walk(file, b[i], ha[i], path);
        path.pop();
      }
      for (let i = common; i < b.length; i++) record(file, 'removed', [...path, String(i)]);
      for (let i = common; i < ha.length; i++) record(file, 'added', [...path, String(i)]);
      return;
    }
    const bo = b as Record<string, unknown>;
    const ho = h as Record<string, unknown>;
    // No key arrays: a JSON value is never undefined or a function, so either means "absent"
    // (`__proto__` aside, which reads the prototype when absent).
    let matched = 0;
    for (const key in bo) {
      const hv = ho[key];
      if (hv === undefined || typeof hv === 'function' || (key === '__proto__' && !Object.hasOwn(ho, key))) {
        record(file, 'removed', [...path, key]);
        continue;
      }
      matched++;
      path.push(key);
      walk(file, bo[key], hv, path);
      path.pop();
    }
    let headKeys = 0;
    for (const _ in ho) headKeys++;
    if (headKeys !== matched)
      for (const key in ho) if (!Object.hasOwn(bo, key)) record(file, 'added', [...path, key]);
    const ref = ho.$ref;
    if (typeof ref === 'string' && bo.$ref === ref) holderOf(file, path, ref);
  };

  for (const [file, baseDoc] of base.documents) {
    const headDoc = head.documents.get(headFileOf(file));
    if (headDoc) walk(file, baseDoc.value, headDoc.value, []);
    else record(file, 'removed', []);
  }
  for (const file of head.documents.keys()) {
    if (!base.documents.has(baseFileOf(file))) record(baseFileOf(file), 'added', []);
  }

  const changedAt = (key: string): boolean => {
    if (dirty.has(key)) return true;
    const hash = key.indexOf('#');
    const file = key.slice(0, hash + 1);
    let p = key.slice(hash + 1);
    for (;;) {
      if (changePoints.has(file + p)) return true;
      if (p === '') return false;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };

  // A holder of an identical `$ref` changes when its target does: propagate until nothing moves.
  const byTarget = new Map<string, Holder[]>();
  for (const holder of holders) {
    const list = byTarget.get(holder.targetKey);
    if (list) list.push(holder);
    else byTarget.set(holder.targetKey, [holder]);
  }
  const queue: Holder[] = [];
  for (const [targetKey, list] of byTarget) if (changedAt(targetKey)) append(queue, list);
  while (queue.length > 0) {
    const holder = queue.pop()!;
    markDirty(holder.file, holder.pointer, (key) => {
      const dependents = byTarget.get(key);
      if (dependents) append(queue, dependents);
    });
  }

  const unchanged = (file: string, pointer: string) => !changedAt(`${file}#${pointer}`);
  const samePlace = (b: Place, h: Place) => b.pointer === h.pointer && headFileOf(b.file) === h.file;
  return {
    changes,
    unchanged,
    samePlace,
    sameNode: (b, h) => samePlace(b, h) && unchanged(b.file, b.pointer),
  };
}

/** `$ref` holders inside a subtree shared by both sides (same parsed value from the cache). */
function collectHolders(
  file: string,
  value: object,
  path: string[],
  onRef: (file: string, path: readonly string[], ref: string) => void,
): void {
  if (path.length > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== null && typeof item === 'object') {
        path.push(String(i));
        collectHolders(file, item as object, path, onRef);
        path.pop();
      }
    });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') onRef(file, path, child);
    else if (child !== null && typeof child === 'object') {
      path.push(key);
      collectHolders(file, child as object, path, onRef);
      path.pop();
    }
  }
}
