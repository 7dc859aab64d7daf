import type { Place } from './types.js';

/**
 * Values by what makes one cause of a change: a kind (a check, a schema delta's kind), the base and
 * head places (absent when none is named, or only the other side is the cause) and the data.
 * Looked up level by level on the strings the caller holds, not by one `kind|file#pointer|…` key
 * per lookup: joining and hashing that ~300-character string for each of the 2,685 emits of
 * GitHub's 22.0.0 → 23.0.2 diff was the largest line of the change sink, and for each of the 152k
 * deltas that `onePerCause` sees on Microsoft Graph's 1.1.3 → 1.3.17. Distinct places stay
 * distinct whatever their files and pointers hold (a joined key could not tell where a `|` or `#`
 * in them ended one part).
 */
export class CauseKeys<V extends NonNullable<unknown>> {
  private readonly byKind = new Map<string, PlaceLevel<PlaceLevel<Map<string, V>>>>();

  get(kind: string, base: Place | undefined, head: Place | undefined, data: string): V | undefined {
    return this.byKind.get(kind)?.get(base)?.get(head)?.get(data);
  }

  set(kind: string, base: Place | undefined, head: Place | undefined, data: string, value: V): void {
    let byBase = this.byKind.get(kind);
    if (!byBase) this.byKind.set(kind, (byBase = new PlaceLevel()));
    let byHead = byBase.get(base);
    if (!byHead) byBase.set(base, (byHead = new PlaceLevel()));
    let byData = byHead.get(head);
    if (!byData) byHead.set(head, (byData = new Map()));
    byData.set(data, value);
  }
}

/** One level of the index: by file, then pointer; no place is a key of its own. */
class PlaceLevel<V> {
  private readonly byFile = new Map<string, Map<string, V>>();
  private none: V | undefined;

  get(place: Place | undefined): V | undefined {
    return place ? this.byFile.get(place.file)?.get(place.pointer) : this.none;
  }

  set(place: Place | undefined, value: V): void {
    if (!place) {
      this.none = value;
      return;
    }
    let byPointer = this.byFile.get(place.file);
    if (!byPointer) this.byFile.set(place.file, (byPointer = new Map()));
    byPointer.set(place.pointer, value);
  }
}

/**
 * What tells apart two differences of one kind at the same places: their data, and where the `$ref`
 * that caused them writes them (two properties a new target lacks are two changes).
 */
export function causeData(
  data: Record<string, string> | undefined,
  written: { base?: Place; head?: Place } | undefined,
): string {
  let key = '';
  if (data) for (const k in data) key += `${k}=${data[k]};`;
  if (written) key += `@${placeKey(written.base)}|${placeKey(written.head)}`;
  return key;
}

/** A place as a key: file and pointer (empty for none). */
export function placeKey(place: Place | undefined): string {
  return place ? `${place.file}#${place.pointer}` : '';
}
