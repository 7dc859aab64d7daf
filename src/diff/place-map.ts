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
 * A map keyed by two places (a base node and a head node), for the same reason: a key string per
 * pair would concatenate two files and two pointers (~400 characters) for every lookup.
 */
export class PlacePairMap<V extends NonNullable<unknown> | null> {
  private readonly byBase = new PlaceMap<PlaceMap<V>>();

  get(base: Place, head: Place): V | undefined {
    return this.byBase.get(base.file, base.pointer)?.get(head.file, head.pointer);
  }

  set(base: Place, head: Place, value: V): void {
    this.byBase
      .getOrCreate(base.file, base.pointer, () => new PlaceMap<V>())
      .set(head.file, head.pointer, value);
  }
}
