import { parsePointer } from '../core/pointer.js';
import { refPointer, toPointer } from './pointers.js';
import { refTarget } from '../core/refs.js';
import type { ContractTree } from './load.js';
import type { fileAlignment } from './file-alignment.js';
import type { ChangeMarks } from './change-marks.js';
import type { StructuralChange } from './structural.js';

/** Deeper than this, a subtree is compared as a whole (no recursion into hostile nesting). */
const MAX_DEPTH = 200;

/** A `$ref` both sides hold identically: it differs when its target does (`targetKey`). */
export interface RefHolder {
  file: string;
  pointer: string;
  targetKey: string;
}

type FileAlignment = ReturnType<typeof fileAlignment>;

/**
 * One walk over two contract trees side by side: files aligned by path, values by key (arrays by
 * index). It records what was added, removed or changed, marks the differing subtrees, and collects
 * the identical `$ref`s whose targets may still have changed (resolved afterwards, once every
 * change is known). Keys and `file` arguments are base file names.
 */
export class StructuralWalk {
  readonly changes: StructuralChange[] = [];
  readonly holders: RefHolder[] = [];
  // Refs inside a subtree both sides share can lead into another file that changed; with one file
  // per side they cannot, and the walk over the shared subtree is skipped.
  private readonly multiFile: boolean;

  constructor(
    private readonly base: ContractTree,
    private readonly head: ContractTree,
    private readonly files: FileAlignment,
    private readonly marks: ChangeMarks,
  ) {
    this.multiFile = base.documents.size > 1 || head.documents.size > 1;
  }

  /** Every document: the roots are aligned even when their names differ, other files by path. */
  compareDocuments(): void {
    const { headFileOf, baseFileOf } = this.files;
    for (const [file, baseDoc] of this.base.documents) {
      const headDoc = this.head.documents.get(headFileOf(file));
      if (headDoc) this.walk(file, baseDoc.value, headDoc.value, []);
      else this.record(file, 'removed', []);
    }
    for (const file of this.head.documents.keys()) {
      if (!this.base.documents.has(baseFileOf(file))) this.record(baseFileOf(file), 'added', []);
    }
  }

  private walk(file: string, b: unknown, h: unknown, path: string[]): void {
    if (b === h) {
      if (this.multiFile && b !== null && typeof b === 'object') collectHolders(file, b, path, this.holderOf);
      return;
    }
    const bObject = b !== null && typeof b === 'object';
    const hObject = h !== null && typeof h === 'object';
    if (!bObject || !hObject || Array.isArray(b) !== Array.isArray(h)) {
      this.record(file, 'changed', path);
      return;
    }
    if (path.length > MAX_DEPTH) {
      this.record(file, 'changed', path); // hostile nesting: not walked, reported as changed
      return;
    }
    if (Array.isArray(b)) this.walkArray(file, b, h as unknown[], path);
    else this.walkObject(file, b as Record<string, unknown>, h as Record<string, unknown>, path);
  }

  /** Items by index; the tail of the longer side is added or removed. */
  private walkArray(file: string, b: unknown[], h: unknown[], path: string[]): void {
    const common = Math.min(b.length, h.length);
    for (let i = 0; i < common; i++) {
      path.push(String(i));
      this.walk(file, b[i], h[i], path);
      path.pop();
    }
    for (let i = common; i < b.length; i++) this.record(file, 'removed', [...path, String(i)]);
    for (let i = common; i < h.length; i++) this.record(file, 'added', [...path, String(i)]);
  }

  /** Members by key; a `$ref` both sides hold unchanged is remembered for its target. */
  private walkObject(
    file: string,
    b: Record<string, unknown>,
    h: Record<string, unknown>,
    path: string[],
  ): void {
    // No key arrays: a JSON value is never undefined or a function, so either means "absent"
    // (`__proto__` aside, which reads the prototype when absent).
    let matched = 0;
    for (const key in b) {
      const hv = h[key];
      if (hv === undefined || typeof hv === 'function' || (key === '__proto__' && !Object.hasOwn(h, key))) {
        this.record(file, 'removed', [...path, key]);
        continue;
      }
      matched++;
      path.push(key);
      this.walk(file, b[key], hv, path);
      path.pop();
    }
    let headKeys = 0;
    for (const _ in h) headKeys++;
    if (headKeys !== matched)
      for (const key in h) if (!Object.hasOwn(b, key)) this.record(file, 'added', [...path, key]);
    const ref = h.$ref;
    if (typeof ref === 'string' && b.$ref === ref) this.holderOf(file, path, ref);
  }

  private record(file: string, kind: StructuralChange['kind'], path: readonly string[]): void {
    const pointer = toPointer(path);
    const place = { file, pointer };
    const headPlace = { file: this.files.headFileOf(file), pointer };
    this.changes.push(
      kind === 'added'
        ? { kind, head: headPlace }
        : kind === 'removed'
          ? { kind, base: place }
          : { kind, base: place, head: headPlace },
    );
    this.marks.markChangePoint(file, pointer);
  }

  // An arrow property: handed to `collectHolders` as is.
  private readonly holderOf = (file: string, path: readonly string[], ref: string): void => {
    if (this.base.declaresIds || this.head.declaresIds)
      return this.idScopedHolder(file, toPointer(path), ref);
    const target = refTarget(file, ref);
    if ('unsafe' in target) return;
    this.holders.push({
      file,
      pointer: toPointer(path),
      // `file` is a base file, and so is the target it resolves to.
      targetKey: `${target.file}#${refPointer(target.pointer, parsePointer)}`,
    });
  };

  /**
   * Where a ref leads may depend on the `$id` in force where it is held: resolved as the comparison
   * will resolve it. One that leads nowhere depends on its whole file, so that no change behind it
   * reads as none.
   */
  private idScopedHolder(file: string, pointer: string, ref: string): void {
    const target = this.base.scope.resolve(file, ref, pointer);
    this.holders.push({
      file,
      pointer,
      targetKey: target ? `${target.file}#${target.pointer}` : `${file}#`,
    });
  }
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
