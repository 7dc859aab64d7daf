/**
 * Deciding which findings a pull request introduces. A finding is "the same" at base and head when
 * its rule, file, location and message agree. Locations are compared as JSON pointers, never as
 * lines (a line shift is not a new problem), and array indices of elements that carry an `id` are
 * replaced by that id, so inserting a flow above another does not make the latter's findings new.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import type { LocatedDocument } from '../core/located-document.js';
import { encodeSegment, parsePointer } from '../core/pointer.js';

export type Documents = ReadonlyMap<string, LocatedDocument>;

/** `/flows/3/errorHandling` → `/flows/[order-created]/errorHandling` when flows[3].id is `order-created`. */
export function stablePointer(documents: Documents, file: string, pointer: string): string {
  const doc = documents.get(file);
  if (!doc) return pointer;
  let value: unknown = doc.value;
  const out: string[] = [];
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(value)) {
      const item: unknown = value[Number(segment)];
      const id = idOf(item);
      out.push(id === undefined ? encodeSegment(segment) : `[${encodeSegment(id)}]`);
      value = item;
    } else {
      out.push(encodeSegment(segment));
      value =
        value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)
          ? (value as Record<string, unknown>)[segment]
          : undefined;
    }
  }
  return out.map((s) => '/' + s).join('');
}

function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ['id', 'name']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The identity of a finding, stable across line shifts and reordering of identified elements. */
export function findingKey(finding: Finding, documents: Documents, file = finding.file): string {
  return [
    finding.ruleId,
    file,
    stablePointer(documents, finding.file, finding.pointer),
    finding.message,
  ].join('\0');
}

/** A short, stable id for a finding, used in hidden markers of the comments that carry it. */
export function findingId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export interface Classified {
  introduced: Finding[];
  preExisting: Finding[];
  fixed: Finding[];
}

/**
 * Splits head findings into introduced and pre-existing, and finds the base findings that are gone.
 * `renamedFrom` maps a head path to its base path so findings follow renamed files. Counting keys
 * (not just testing membership) keeps a second identical problem from hiding behind the first.
 */
export function classifyFindings(
  head: { findings: readonly Finding[]; documents: Documents },
  base: { findings: readonly Finding[]; documents: Documents },
  renamedFrom: ReadonlyMap<string, string>,
): Classified {
  const remaining = new Map<string, Finding[]>();
  for (const f of base.findings) {
    const key = findingKey(f, base.documents);
    remaining.set(key, [...(remaining.get(key) ?? []), f]);
  }
  const introduced: Finding[] = [];
  const preExisting: Finding[] = [];
  for (const f of head.findings) {
    const key = findingKey(f, head.documents, renamedFrom.get(f.file) ?? f.file);
    const matches = remaining.get(key);
    if (matches && matches.length > 0) {
      matches.pop();
      preExisting.push(f);
    } else {
      introduced.push(f);
    }
  }
  return { introduced, preExisting, fixed: [...remaining.values()].flat() };
}
