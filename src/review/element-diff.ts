/**
 * Comparing model elements between base and head by id, on their written form (the YAML/JSON value
 * at the element's location), so a reformatted file or reordered keys is not a change.
 */
import { getAtPointer } from '../core/pointer.js';
import type { BlueprintModel, Loc } from '../model/types.js';
import type { ElementChange } from './types.js';

export function writtenValue(model: BlueprintModel, loc: Loc): unknown {
  const doc = model.documents.get(loc.file);
  return doc ? getAtPointer(doc.value, loc.pointer) : undefined;
}

/** JSON with object keys sorted: equal for values that differ only in key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export interface ElementPair<T> {
  id: string;
  base?: T;
  head?: T;
  change?: ElementChange;
}

/** Pairs elements by id; `change` is undefined when both sides are written identically. */
export function pairElements<T extends { id: string; loc: Loc }>(
  base: { model: BlueprintModel; items: readonly T[] } | undefined,
  head: { model: BlueprintModel; items: readonly T[] } | undefined,
): ElementPair<T>[] {
  const baseById = new Map((base?.items ?? []).map((e) => [e.id, e]));
  const headById = new Map((head?.items ?? []).map((e) => [e.id, e]));
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort();
  return ids.map((id) => {
    const b = baseById.get(id);
    const h = headById.get(id);
    let change: ElementChange | undefined;
    if (!b) change = 'added';
    else if (!h) change = 'removed';
    else if (canonical(writtenValue(base!.model, b.loc)) !== canonical(writtenValue(head!.model, h.loc)))
      change = 'modified';
    return { id, base: b, head: h, change };
  });
}
