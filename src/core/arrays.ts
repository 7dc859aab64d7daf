/**
 * Lists as long as repository text makes them. A spread in a call — `out.push(...items)`,
 * `Math.max(...lengths)` — passes every element as an argument on the stack: past about 120,000 of
 * them (fewer on a worker thread's smaller stack) V8 throws "Maximum call stack size exceeded". A
 * blueprint of 160,000 systems, a findings table as long, or an alias bomb over a YAML sequence of
 * 300,000 items then ended the review as an internal error instead of its findings. These loop.
 */

/** Adds every item to the end of `target` (what `target.push(...items)` does, for any length). */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `floor` when there is none larger (`Math.max(floor, ...values)`). */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
