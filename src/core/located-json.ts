import type { SourceRange } from './finding.js';
import { START_OF_FILE } from './finding.js';
import { parsePointer } from './pointer.js';

/**
 * The fast path of `parseLocated` for JSON text. The yaml library builds a node per value, which
 * takes seconds and hundreds of megabytes on a 12 MB OpenAPI description; `JSON.parse` takes ~0.1 s.
 * Positions are needed only for the few pointers that end up in a finding, so they are found on
 * demand by a scanner over the text, which remembers every container it has walked through (a
 * second lookup in the same object costs a map lookup) and the line starts (computed once).
 */

/** `[start, end)` offsets of a value; for an object member, `start` is its key's opening quote. */
type Span = readonly [number, number];

interface ScannedContainer {
  /** Member key (object) or index as a string (array) → span of the member and of its value. */
  members: Map<string, { member: Span; value: Span }>;
}

export interface JsonLocator {
  rangeOf(pointer: string): SourceRange;
}

/** The value of a JSON text, or undefined when `JSON.parse` rejects it (the caller then explains why). */
export function parseJsonFast(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** True when the text looks like JSON (its first significant character opens an object or array). */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b; // { [
  }
  return false;
}

export function jsonLocator(text: string): JsonLocator {
  const containers = new Map<number, ScannedContainer>();
  let lineStarts: number[] | undefined;
  let root: Span | undefined;

  const position = (offset: number): { line: number; column: number } => {
    lineStarts ??= computeLineStarts(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const scan = (start: number): ScannedContainer | undefined => {
    let container = containers.get(start);
    if (!container) {
      container = scanContainer(text, start);
      if (container) containers.set(start, container);
    }
    return container;
  };

  return {
    rangeOf(pointer: string): SourceRange {
      if (!root) {
        const rootStart = skipWhitespace(text, 0);
        root = [rootStart, skipValue(text, rootStart)];
      }
      if (root[0] >= text.length) return START_OF_FILE;
      let value: Span = root;
      let best: Span = value;
      for (const segment of parsePointer(pointer)) {
        const container = scan(value[0]);
        const member = container?.members.get(segment);
        if (!member) break;
        best = member.member;
        value = member.value;
      }
      return { start: position(best[0]), end: position(Math.max(best[0], best[1])) };
    },
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) i++;
    else break;
  }
  return i;
}

/** Members of the object or array starting at `start`, or undefined for a scalar. */
function scanContainer(text: string, start: number): ScannedContainer | undefined {
  const open = text.charCodeAt(start);
  if (open !== 0x7b && open !== 0x5b) return undefined;
  const members = new Map<string, { member: Span; value: Span }>();
  let i = skipWhitespace(text, start + 1);
  let index = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7d || c === 0x5d) break; // } ]
    if (c === 0x2c) {
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (open === 0x7b) {
      const keyEnd = skipString(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1); // past ':'
      const valueEnd = skipValue(text, valueStart);
      // JSON.parse keeps the last duplicate; so does this map.
      members.set(key, { member: [i, valueEnd], value: [valueStart, valueEnd] });
      i = skipWhitespace(text, valueEnd);
    } else {
      const valueEnd = skipValue(text, i);
      members.set(String(index++), { member: [i, valueEnd], value: [i, valueEnd] });
      i = skipWhitespace(text, valueEnd);
    }
  }
  return { members };
}

/** Offset just past the string starting at `i` (which is a `"`). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let k = quote - 1; k > i && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

/** Offset just past the value starting at `i`; containers are skipped by depth counting. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c !== 0x7b && c !== 0x5b) {
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09)
        break;
      j++;
    }
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x22) {
      j = skipString(text, j);
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return text.length;
}
