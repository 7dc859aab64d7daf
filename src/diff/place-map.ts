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
 * absent values, documents where a YAML alias puts one object at several places, an object parsed
 * once for two files with the same text) are keyed by file and pointer. A node's key depends only
 * on its file and its value, so one place always finds the same entry.
 */
export class NodeMap<V extends NonNullable<unknown> | null> {
  private readonly byObject = new Map<object, { file: string; value: V }>();
  private readonly byPlace = new PlaceMap<V>();

  constructor(private readonly treeShaped: (file: string) => boolean) {}

  get(file: string, pointer: string, node: unknown): V | undefined {
    if (this.byIdentity(file, node)) {
      const known = this.byObject.get(node);
      if (known === undefined) return undefined;
      if (known.file === file) return known.value;
    }
    return this.byPlace.get(file, pointer);
  }

  set(file: string, pointer: string, node: unknown, value: V): void {
    if (this.byIdentity(file, node)) {
      const known = this.byObject.get(node);
      if (known === undefined || known.file === file) {
        this.byObject.set(node, { file, value });
        return;
      }
    }
    this.byPlace.set(file, pointer, value);
  }

  getOrCreate(file: string, pointer: string, node: unknown, create: () => V): V {
    const known = this.get(file, pointer, node);
    if (known !== undefined) return known;
    const value = create();
    this.set(file, pointer, node, value);
    return value;
  }

  private byIdentity(file: string, node: unknown): node is object {
    return typeof node === 'object' && node !== null && this.treeShaped(file);
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
