import type { Place } from './types.js';

/**
 * A map keyed by a file and a string inside it (a JSON pointer, a `$ref`), without building a
 * `file#pointer` key per lookup. The diff of a large description asks tens of thousands of such
 * questions; concatenating, flattening and hashing a fresh ~150-character key for each cost more
 * than the comparisons they served. Here the file and the pointer are strings the caller already
 * holds, whose hashes V8 computes once and keeps.
 */
export class PlaceMap<V extends NonNullable<unknown> | null> {
  private readonly byFile = new Map<string, Map<string, V>>();

  get(file: string, key: string): V | undefined {
    return this.byFile.get(file)?.get(key);
  }

  set(file: string, key: string, value: V): void {
    let inFile = this.byFile.get(file);
    if (!inFile) {
      inFile = new Map();
      this.byFile.set(file, inFile);
    }
    inFile.set(key, value);
  }

  /** The value stored for (file, key), created by `create` the first time it is asked for. */
  getOrCreate(file: string, key: string, create: () => V): V {
    let inFile = this.byFile.get(file);
    if (!inFile) {
      inFile = new Map();
      this.byFile.set(file, inFile);
    }
    const known = inFile.get(key);
    if (known !== undefined) return known;
    const value = create();
    inFile.set(key, value);
    return value;
  }
}

/**
 * A map keyed by a node of a parsed document: a place and the value found there. In a tree-shaped
 * document (JSON.parse's: each object at one place) an object stands for its place within its file,
 * so it is keyed by identity, with no pointer string to flatten and hash; other nodes (scalars,
 * absent values, documents where a YAML alias puts one object at several places) are keyed by file
 * and pointer. An object parsed once for two files with the same text has one entry per file. A
 * node's key depends only on its file and its value, so one place always finds the same entry.
 *
 * One identity map per file, rather than one for all files whose entries record their file: an entry
 * is then the value itself, with no `{ file, value }` allocated per node (the sameness oracle, the
 * schema views and the comparison's memo make ~25,000 of them on GitHub's REST description pair).
 */
export class NodeMap<V extends NonNullable<unknown> | null> {
  private readonly byObject = new Map<string, Map<object, V>>();
  private readonly byPlace = new PlaceMap<V>();

  constructor(private readonly treeShaped: (file: string) => boolean) {}

  get(file: string, pointer: string, node: unknown): V | undefined {
    const objects = this.objectsOf(file, node);
    return objects ? objects.get(node as object) : this.byPlace.get(file, pointer);
  }

  set(file: string, pointer: string, node: unknown, value: V): void {
    const objects = this.objectsOf(file, node);
    if (objects) objects.set(node as object, value);
    else this.byPlace.set(file, pointer, value);
  }

  getOrCreate(file: string, pointer: string, node: unknown, create: () => V): V {
    const objects = this.objectsOf(file, node);
    if (!objects) return this.byPlace.getOrCreate(file, pointer, create);
    const known = objects.get(node as object);
    if (known !== undefined) return known;
    const value = create();
    objects.set(node as object, value);
    return value;
  }

  /** The identity map of the file, when the node is an object keyed by identity there. */
  private objectsOf(file: string, node: unknown): Map<object, V> | undefined {
    if (typeof node !== 'object' || node === null) return undefined;
    let objects = this.byObject.get(file);
    if (objects === undefined && this.treeShaped(file)) {
      objects = new Map();
      this.byObject.set(file, objects);
    }
    return objects;
  }
}

/** Files of a document map whose documents are tree-shaped (see NodeMap). */
export function treeShapedFiles(
  documents: ReadonlyMap<string, { treeShaped?: true }>,
): (file: string) => boolean {
  const files = new Set<string>();
  for (const [file, doc] of documents) if (doc.treeShaped) files.add(file);
  return (file) => files.has(file);
}

/**
 * A NodeMap keyed by two nodes (a base node and a head node): a key string per pair would
 * concatenate two files and two pointers (~400 characters) for every lookup.
 */
export class NodePairMap<V extends NonNullable<unknown> | null> {
  private readonly byBase: NodeMap<NodeMap<V>>;

  constructor(
    baseShaped: (file: string) => boolean,
    private readonly headShaped: (file: string) => boolean,
  ) {
    this.byBase = new NodeMap(baseShaped);
  }

  get(base: Place & { value: unknown }, head: Place & { value: unknown }): V | undefined {
    return this.byBase.get(base.file, base.pointer, base.value)?.get(head.file, head.pointer, head.value);
  }

  set(base: Place & { value: unknown }, head: Place & { value: unknown }, value: V): void {
    this.byBase
      .getOrCreate(base.file, base.pointer, base.value, () => new NodeMap<V>(this.headShaped))
      .set(head.file, head.pointer, head.value, value);
  }
}
