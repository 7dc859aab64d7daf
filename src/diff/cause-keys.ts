import type { Severity } from '../core/finding.js';
import type { Place } from './types.js';

/**
 * The causes a change sink has seen, by what makes one cause: the check, its severity, the base and
 * head places (absent when the emit names none, or only the other side is the cause) and the data.
 * Looked up level by level on the strings the caller holds, not by one `id|severity|file#pointer|…`
 * key per emit: joining and hashing that ~300-character string for each of the 2,685 emits of
 * GitHub's 22.0.0 → 23.0.2 diff was the largest line of the sink. Distinct places stay distinct
 * whatever their files and pointers hold (a joined key could not tell where a `|` or `#` in them
 * ended one part).
 */
export class CauseKeys<V extends NonNullable<unknown>> {
  private readonly byCheck = new Map<string, Map<Severity, PlaceLevel<PlaceLevel<Map<string, V>>>>>();

  get(
    check: string,
    severity: Severity,
    base: Place | undefined,
    head: Place | undefined,
    data: string,
  ): V | undefined {
    return this.byCheck.get(check)?.get(severity)?.get(base)?.get(head)?.get(data);
  }

  set(
    check: string,
    severity: Severity,
    base: Place | undefined,
    head: Place | undefined,
    data: string,
    value: V,
  ): void {
    let bySeverity = this.byCheck.get(check);
    if (!bySeverity) this.byCheck.set(check, (bySeverity = new Map()));
    let byBase = bySeverity.get(severity);
    if (!byBase) bySeverity.set(severity, (byBase = new PlaceLevel()));
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
