/**
 * Comparing blueprint elements as they are written: the raw YAML value at an element's location, so a
 * comment or a move into an included file is not a change, and any edited field is.
 */
import { getAtPointer } from '../core/pointer.js';
import type { BlueprintModel, Loc } from '../model/types.js';

/** The value written at `loc`, or undefined. */
export function rawAt(model: BlueprintModel | undefined, loc: Loc | undefined): unknown {
  if (!model || !loc) return undefined;
  return getAtPointer(model.documents.get(loc.file)?.value, loc.pointer);
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
