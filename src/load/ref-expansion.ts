import type { LocatedDocument } from '../core/located-document.js';
import { getAtPointer } from '../core/pointer.js';
import { refTarget } from '../core/refs.js';

/**
 * The most values a contract may hold once its `$ref`s are resolved (`refExpansion`, below, and for
 * OpenAPI `dereferencedSize`) for the validators to be run on it. GitHub's REST description, among
 * the largest published, holds ~1.3 million as swagger-parser dereferences it and validates in ~3 s;
 * DocuSign's holds 14.7 million (34 s), Microsoft Graph's 16 million (21 s); references that fan out
 * and meet again reach billions from a page of YAML, and a validator walking them never finishes (a
 * review that never ends, a worker out of memory).
 */
export const MAX_EXPANDED_VALUES = 20_000_000;

/**
 * How many values a contract holds once every `$ref` is replaced by what it points to — the shape
 * a spec validator builds (@asyncapi/parser dereferences before it checks) and then walks along
 * every path. OpenAPI contracts are measured as swagger-parser dereferences them instead
 * (dereferenced-size.ts), which leaves more references in place. References that fan out and meet again make that number grow with the
 * number of paths, not the size of the text: component `S1` combining `S0` twice, `S2` combining
 * `S1` twice and so on is 2^depth values at depth levels from a few lines of YAML. A validator walking
 * that never finishes, so the caller measures first and refuses beyond a limit.
 *
 * Counted in one walk over the documents (each value once per file it is read in), saturating just
 * above `limit`. A reference back to a value still being counted (a recursive schema) counts as one
 * value, as the validators leave such a reference in place.
 */
export function refExpansion(
  documents: ReadonlyMap<string, LocatedDocument>,
  rootFile: string,
  limit: number,
): number {
  const root = documents.get(rootFile);
  if (!root) return 0;
  return new ExpansionCount(documents, limit + 1).of(rootFile, root.value);
}

/** A container being counted: its children (a `$ref`'s target among them), how far, how many. */
interface Frame {
  file: string;
  node: object;
  children: { file: string; value: unknown }[];
  next: number;
  total: number;
}

/** One count: containers are remembered per file, so a value reached twice is walked once. */
class ExpansionCount {
  private readonly counted = new Map<string, Map<object, number>>();
  private readonly counting = new Map<string, Set<object>>();

  constructor(
    private readonly documents: ReadonlyMap<string, LocatedDocument>,
    /** Counts saturate here: just above the limit is all the caller needs to know. */
    private readonly cap: number,
  ) {}

  /** Iterative, depth first: a deep document is a long stack of frames, not a deep call stack. */
  of(file: string, value: unknown): number {
    const first = this.open(file, value);
    if (typeof first === 'number') return first;
    const stack: Frame[] = [first];
    let result = 0;
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      if (frame.next < frame.children.length && frame.total < this.cap) {
        const child = frame.children[frame.next++]!;
        const opened = this.open(child.file, child.value);
        if (typeof opened === 'number') frame.total = Math.min(this.cap, frame.total + opened);
        else stack.push(opened);
        continue;
      }
      stack.pop();
      this.close(frame);
      const parent = stack.at(-1);
      if (parent) parent.total = Math.min(this.cap, parent.total + frame.total);
      else result = frame.total;
    }
    return result;
  }

  /** What a value counts for, or a frame to count it (a container not counted yet). */
  private open(file: string, value: unknown): number | Frame {
    if (value === null || typeof value !== 'object') return 1;
    const known = this.counted.get(file)?.get(value);
    if (known !== undefined) return known;
    const active = inFile(this.counting, file, () => new Set<object>());
    if (active.has(value)) return 1; // a recursive reference: left in place
    active.add(value);
    return { file, node: value, children: this.childrenOf(file, value), next: 0, total: 1 };
  }

  /** The container's values, then what its `$ref` points to (which the validators put in its place). */
  private childrenOf(file: string, value: object): Frame['children'] {
    const children: Frame['children'] = [];
    for (const child of Object.values(value)) children.push({ file, value: child });
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      const target = refTarget(file, ref);
      const doc = 'unsafe' in target ? undefined : this.documents.get(target.file);
      if (doc && !('unsafe' in target))
        children.push({ file: target.file, value: getAtPointer(doc.value, target.pointer) });
    }
    return children;
  }

  private close(frame: Frame): void {
    this.counting.get(frame.file)!.delete(frame.node);
    inFile(this.counted, frame.file, () => new Map<object, number>()).set(frame.node, frame.total);
  }
}

function inFile<V>(byFile: Map<string, V>, file: string, create: () => V): V {
  let known = byFile.get(file);
  if (!known) byFile.set(file, (known = create()));
  return known;
}
