/**
 * The head's media types of one essence, indexed to answer "the first type still left, in the
 * head's order, that is the same representation as this base type" without weighing every head
 * type against every base one. Two types of one essence are the same representation when no
 * parameter both give has different values (`charset` aside for JSON, which has none): a head type
 * giving parameters N fits a base type giving B exactly when they agree on N ∩ B. So head types are
 * grouped by the names they give, and each group keyed, per set of names a base type shares with
 * it, by their values there: one lookup per group. An operation listing 8,000 types of one essence
 * whose parameters clash with the base's 8,000 took 9.5 s tried pair by pair.
 */

type Params = ReadonlyMap<string, string>;

interface Bucket {
  types: string[];
  /** Types before this one were taken: skipped once, never looked at again. */
  next: number;
}

interface Group {
  names: string[];
  types: string[];
  /** By the names a base type shares with the group (JSON-encoded), then by their values. */
  byShared: Map<string, Map<string, Bucket>>;
}

export class SameRepresentation {
  private readonly groups = new Map<string, Group>();
  private readonly order = new Map<string, number>();

  /**
   * `types` in the head's order; `paramsOf` a type's parameters (names lower-cased, values as
   * compared); `ignored` a parameter that never tells two types apart here (JSON's `charset`).
   */
  constructor(
    types: readonly string[],
    private readonly paramsOf: (type: string) => Params,
    private readonly ignored: string | undefined,
  ) {
    types.forEach((type, i) => {
      this.order.set(type, i);
      const names = this.namesOf(paramsOf(type));
      const key = JSON.stringify(names);
      const group = this.groups.get(key);
      if (group) group.types.push(type);
      else this.groups.set(key, { names, types: [type], byShared: new Map() });
    });
  }

  /** The first head type, in the head's order, that `isLeft` and that fits the base parameters. */
  first(base: Params, isLeft: (type: string) => boolean): string | undefined {
    let best: string | undefined;
    for (const group of this.groups.values()) {
      const shared = group.names.filter((name) => base.has(name));
      const bucket = this.bucketsOf(group, shared).get(JSON.stringify(shared.map((n) => base.get(n))));
      if (!bucket) continue;
      while (bucket.next < bucket.types.length && !isLeft(bucket.types[bucket.next]!)) bucket.next++;
      const candidate = bucket.types[bucket.next];
      if (
        candidate !== undefined &&
        (best === undefined || this.order.get(candidate)! < this.order.get(best)!)
      )
        best = candidate;
    }
    return best;
  }

  private namesOf(params: Params): string[] {
    return [...params.keys()].filter((name) => name !== this.ignored).sort();
  }

  /** The group's types keyed by their values of `shared`, built the first time a base asks. */
  private bucketsOf(group: Group, shared: string[]): Map<string, Bucket> {
    const key = JSON.stringify(shared);
    let buckets = group.byShared.get(key);
    if (buckets) return buckets;
    buckets = new Map();
    for (const type of group.types) {
      const params = this.paramsOf(type);
      const values = JSON.stringify(shared.map((n) => params.get(n)));
      const bucket = buckets.get(values);
      if (bucket) bucket.types.push(type);
      else buckets.set(values, { types: [type], next: 0 });
    }
    group.byShared.set(key, buckets);
    return buckets;
  }
}
