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
