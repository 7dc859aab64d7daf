/**
 * Comparing model elements between base and head by id, on their written form (the YAML/JSON value
 * at the element's location), so a reformatted file, reordered keys or a move into an included file
 * is not a change, and any edited field is. The review and the sign-off gate both compare with this.
 */
import { getAtPointer } from '../core/pointer.js';
import { firstById } from '../model/model-index.js';
import type { BlueprintModel, Loc } from '../model/types.js';
import type { ElementChange } from './types.js';

export function writtenValue(model: BlueprintModel, loc: Loc): unknown {
  return getAtPointer(model.documents.get(loc.file)?.value, loc.pointer);
}

/** The value written at `loc`, or undefined (either may be absent: an element on one side only). */
export function rawAt(model: BlueprintModel | undefined, loc: Loc | undefined): unknown {
  return model && loc ? writtenValue(model, loc) : undefined;
}

/** JSON with sorted keys: equal values give equal strings whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: [string, unknown][] = Object.entries(value)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, sortKeys(v)]);
  // An entries array, not an object: a `__proto__` key stays data.
  return out;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Top-level fields whose values differ between two records. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = asRecord(before);
  const b = asRecord(after);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !sameValue(ownValue(a, k), ownValue(b, k))).sort();
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export interface ElementPair<T> {
  id: string;
  base?: T;
  head?: T;
  change?: ElementChange;
}

/**
 * Pairs elements by id, each id's first declaration on each side (firstById): a pull request that
 * appends a second entry of an id over an untouched copy must not have the copy compared in place of
 * the first, which everything resolves to. `change` is undefined when both sides are written
 * identically.
 */
export function pairElements<T extends { id: string; loc: Loc }>(
  base: { model: BlueprintModel; items: readonly T[] } | undefined,
  head: { model: BlueprintModel; items: readonly T[] } | undefined,
): ElementPair<T>[] {
  const baseById = firstById(base?.items ?? []);
  const headById = firstById(head?.items ?? []);
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort();
  return ids.map((id) => {
    const b = baseById.get(id);
    const h = headById.get(id);
    let change: ElementChange | undefined;
    if (!b) change = 'added';
    else if (!h) change = 'removed';
    else if (!sameValue(writtenValue(base!.model, b.loc), writtenValue(head!.model, h.loc)))
      change = 'modified';
    return { id, base: b, head: h, change };
  });
}
