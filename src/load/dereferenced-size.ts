import type { LocatedDocument } from '../core/located-document.js';
import { resolveRef } from '../core/refs.js';

/**
 * How many values an OpenAPI document holds once swagger-parser has dereferenced it for its schema
 * check (`circular: 'ignore'`): what that check then walks, path by path. The OpenAPI validator
 * (openapi-validation.ts) measures it first and refuses beyond a limit, since references that fan
 * out and meet again (`S1` combining `S0` twice, `S2` combining `S1` twice, …) make it 2^depth values
 * from a page of YAML, and a check walking them never ends.
 *
 * The count follows what json-schema-ref-parser (swagger-parser's dereferencer) does, not a rule of
 * our own, because real descriptions depend on the difference: a `$ref` whose target reaches a cycle
 * anywhere below it (a `Customer` whose `invoices` lead back to `Customer`) is left in place — and,
 * remembered by its target, in every later place too — so the check sees one small object there.
 * Counting each such reference as its target's whole expansion instead called Stripe's, Microsoft
 * Graph's, DocuSign's and Bungie's published descriptions unbounded (over 20 million values), which
 * swagger-parser validates in 2 to 35 s. A reference whose target holds no cycle is replaced by that
 * target (one shared object, walked once per place it is used): that is where the fan-out grows.
 *
 * Counted in one crawl, as the dereferencer crawls: a target is crawled the first time a reference
 * leads to it and remembered. The crawl itself is bounded too: a document whose crawl takes more than
 * `limit` steps (references with keywords beside them are not remembered, so they can fan out
 * there) counts as over the limit.
 */
export function dereferencedSize(
  documents: ReadonlyMap<string, LocatedDocument>,
  rootFile: string,
  limit: number,
): number {
  const root = documents.get(rootFile);
  if (!root) return 0;
  return new DereferenceCount(documents, limit + 1).of(rootFile, root.value);
}

/** A container being crawled: its values, how far, and what it has counted so far. */
interface Crawl {
  file: string;
  node: object;
  values: unknown[];
  next: number;
  size: number;
  /** Whether the crawl met a reference back to a container it is inside (here or below). */
  circular: boolean;
  /** Set when the container is a reference's target: the reference, which it replaces or not. */
  ref?: Reference;
}

interface Reference {
  /** Where it leads, when the dereferencer remembers it (a `$ref` with nothing beside it). */
  key: string | undefined;
  /** The reference object's own values: what the check sees where it is left in place. */
  ownSize: number;
}

/** What a reference stands for once its target was crawled. */
interface Dereferenced {
  circular: boolean;
  size: number;
}

class DereferenceCount {
  private readonly remembered = new Map<string, Dereferenced>();
  /** The containers the crawl is inside: a reference to one of them is circular. */
  private readonly parents = new Set<object>();
  private readonly stack: Crawl[] = [];
  private result = 0;
  private steps = 0;

  constructor(
    private readonly documents: ReadonlyMap<string, LocatedDocument>,
    /** Counts saturate here: just above the limit is all the caller needs to know. */
    private readonly cap: number,
  ) {}

  /** Iterative: a deep document is a long stack of crawls, not a deep call stack. */
  of(file: string, value: unknown): number {
    this.enter(file, value);
    while (this.stack.length > 0) {
      if (++this.steps > this.cap) return this.cap;
      const crawl = this.stack.at(-1)!;
      if (crawl.next < crawl.values.length) {
        this.enter(crawl.file, crawl.values[crawl.next++]);
        continue;
      }
      this.stack.pop();
      this.parents.delete(crawl.node);
      if (!crawl.ref) this.settle(crawl.size, crawl.circular);
      else {
        // A target that reaches a cycle is not put in the reference's place: the reference stays.
        const size = crawl.circular ? crawl.ref.ownSize : crawl.size;
        if (crawl.ref.key !== undefined)
          this.remembered.set(crawl.ref.key, { circular: crawl.circular, size });
        this.settle(size, crawl.circular);
      }
    }
    return Math.min(this.result, this.cap);
  }

  private enter(file: string, value: unknown): void {
    if (value === null || typeof value !== 'object') return this.settle(1, false);
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return this.push(file, value);
    const keys = Object.keys(value).length;
    const resolution = resolveRef(this.documents, file, ref);
    // One the dereferencer cannot follow fails its validation (or is left as written): nothing grows.
    if (resolution.kind !== 'ok') return this.settle(1 + keys, false);
    const key = `${resolution.target.file}#${resolution.target.pointer}`;
    const known = this.remembered.get(key);
    if (known) return this.settle(known.circular ? 1 + keys : known.size + keys - 1, known.circular);
    const reference: Reference = { key: keys === 1 ? key : undefined, ownSize: 1 + keys };
    const target = resolution.value;
    if (target !== null && typeof target === 'object' && this.parents.has(target)) {
      if (reference.key !== undefined) this.remembered.set(key, { circular: true, size: reference.ownSize });
      return this.settle(reference.ownSize, true);
    }
    if (target === null || typeof target !== 'object') return this.settle(1, false);
    this.push(resolution.target.file, target, reference);
  }

  private push(file: string, node: object, ref?: Reference): void {
    this.parents.add(node);
    // A target that is itself a reference stands for what it leads to (the dereferencer follows the
    // chain): its one value is itself, entered as a reference, and it adds nothing of its own.
    const alias = ref !== undefined && typeof (node as { $ref?: unknown }).$ref === 'string';
    const values = alias ? [node] : Object.values(node);
    this.stack.push({ file, node, values, next: 0, size: alias ? 0 : 1, circular: false, ref });
  }

  /** Adds a finished value to the container it is in (or makes it the result). */
  private settle(size: number, circular: boolean): void {
    const parent = this.stack.at(-1);
    if (!parent) {
      this.result = size;
      return;
    }
    parent.size = Math.min(this.cap, parent.size + size);
    parent.circular ||= circular;
  }
}
