/**
 * Where a JSON pointer is in a JSON text, found by reading the text's tokens: the locator of the
 * large-JSON fast path (`jsonLocator` in located-json.ts), for any layout — pretty-printed, minified
 * or hand-formatted.
 *
 * Why tokens and not lines: a line-and-indent shortcut (a container's members are the lines one
 * indent deeper) cannot be checked without reading what it skips. A line that looks like a member
 * can hold the end of one member and the start of the next (`}, "b": 2,`), so a hostile layout
 * can put a key on a line that belongs to another container while every key and count still
 * matches the parsed value. Reading tokens is the only way to be sure, and done once per text it
 * costs less than building the line index did: strings are skipped with native `indexOf`, a line's
 * indentation in a tight loop, and the line count rides along the same pass.
 */
import type { SourceRange } from './finding.js';
import { START_OF_FILE } from './finding.js';
import { parsePointer } from './pointer.js';

export interface JsonLocator {
  rangeOf(pointer: string): SourceRange;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** An object member (from its key's opening quote) or an array item. Lines are 0-based. */
interface Member {
  start: number;
  line: number;
  valueStart: number;
  valueLine: number;
  /** Offset just past the value; -1 until the value has been read past. */
  end: number;
  endLine: number;
}

/**
 * A container read only as far as lookups needed: a key near the start of a 12 MB object does not
 * cost a pass over the rest. With duplicate keys the first is kept (JSON.parse keeps the last value:
 * the range is then the first occurrence's).
 */
interface Container {
  isObject: boolean;
  members: Map<string, Member>;
  /** The member read last: the next starts after its value. Undefined before the first. */
  last: Member | undefined;
  /** Just past the opening bracket, and its line. */
  open: number;
  openLine: number;
  /** Items read so far (arrays). */
  index: number;
  /** Offset just past the closing bracket, and its line; -1 until read. */
  end: number;
  endLine: number;
}

/**
 * The locator of a JSON text that `JSON.parse` accepts (other text gets ranges, never an error or
 * an endless loop, but they may be meaningless). A pointer's range runs from its key's opening
 * quote (or its item's first character) to just past its value; a pointer naming something absent
 * gets its deepest existing ancestor's range, and the root's is the start of the file.
 */
export function jsonLocator(text: string): JsonLocator {
  return new TokenLocator(text);
}

class TokenLocator implements JsonLocator {
  /** Containers walked into, by the offset of their opening bracket. */
  private readonly containers = new Map<number, Container>();
  private root: Member | undefined;
  /** The 0-based line a skip ended on: the skips return an offset and leave its line here. */
  private line = 0;

  constructor(private readonly text: string) {}

  rangeOf(pointer: string): SourceRange {
    const root = (this.root ??= this.rootMember());
    if (root.valueStart >= this.text.length) return START_OF_FILE;
    let best = root;
    for (const segment of parsePointer(pointer)) {
      const container = this.containerAt(best);
      const member = container && this.find(container, segment);
      if (!member) break;
      best = member;
    }
    if (best === root) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    this.readPast(best);
    return { start: this.position(best.start, best.line), end: this.position(best.end, best.endLine) };
  }

  private rootMember(): Member {
    const start = this.skipSpace(0, 0);
    return { start, line: this.line, valueStart: start, valueLine: this.line, end: -1, endLine: -1 };
  }

  private position(offset: number, line: number): Position {
    const lineStart = offset === 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
    return { line: line + 1, column: offset - lineStart + 1 };
  }

  /** The container a member's value opens, undefined for a scalar. */
  private containerAt(member: Member): Container | undefined {
    let c = this.containers.get(member.valueStart);
    if (c !== undefined) return c;
    const open = this.text.charCodeAt(member.valueStart);
    if (open !== 0x7b && open !== 0x5b) return undefined;
    c = {
      isObject: open === 0x7b,
      members: new Map(),
      last: undefined,
      open: member.valueStart + 1,
      openLine: member.valueLine,
      index: 0,
      end: -1,
      endLine: -1,
    };
    this.containers.set(member.valueStart, c);
    return c;
  }

  private find(c: Container, key: string): Member | undefined {
    const known = c.members.get(key);
    if (known) return known;
    for (let name = this.readMember(c); name !== undefined; name = this.readMember(c))
      if (name === key) return c.last;
    return undefined;
  }

  /**
   * Reads the container's next member (it becomes `c.last`) and returns its key or index, or
   * undefined once the container is closed.
   */
  private readMember(c: Container): string | undefined {
    if (c.end >= 0) return undefined;
    const { text } = this;
    const last = c.last;
    let i: number;
    if (last) {
      this.readPast(last);
      i = this.skipSpace(last.end, last.endLine);
      if (text.charCodeAt(i) === 0x2c) i = this.skipSpace(i + 1, this.line);
    } else i = this.skipSpace(c.open, c.openLine);
    const line = this.line;
    const first = text.charCodeAt(i);
    if (i >= text.length || first === 0x7d || first === 0x5d || (c.isObject && first !== 0x22)) {
      c.end = Math.min(i + 1, text.length);
      c.endLine = line;
      return undefined;
    }
    let name: string;
    let valueStart = i;
    let valueLine = line;
    if (c.isObject) {
      const keyEnd = skipString(text, i);
      name = keyOf(text, i, keyEnd);
      const colon = this.skipSpace(keyEnd, line);
      valueStart = this.skipSpace(colon + 1, this.line);
      valueLine = this.line;
    } else name = String(c.index++);
    const member: Member = { start: i, line, valueStart, valueLine, end: -1, endLine: -1 };
    if (!c.members.has(name)) c.members.set(name, member);
    c.last = member;
    return name;
  }

  /**
   * Finds where the member's value ends. A container already walked into is read on from where its
   * lookups stopped (its members stay known); any other value is skipped.
   */
  private readPast(member: Member): void {
    if (member.end >= 0) return;
    const c = this.containers.get(member.valueStart);
    if (c !== undefined) {
      while (this.readMember(c) !== undefined);
      member.end = c.end;
      member.endLine = c.endLine;
    } else {
      member.end = this.skipValue(member.valueStart, member.valueLine);
      member.endLine = this.line;
    }
  }

  /** Offset of the first token at or after `i`; its line is left in `this.line`. */
  private skipSpace(i: number, line: number): number {
    const { text } = this;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (c !== 0x20 && c !== 0x0d && c !== 0x09 && c !== 0xfeff) break;
    }
    this.line = line;
    return i;
  }

  /**
   * Offset just past the value starting at `i` (on `line`); the line it ends on is left in
   * `this.line`. One tight loop over the characters outside strings, counting line breaks (JSON
   * strings hold none) and passing a line's indentation in an inner loop; strings are jumped with
   * `indexOf`.
   */
  private skipValue(i: number, line: number): number {
    const { text } = this;
    const first = text.charCodeAt(i);
    this.line = line;
    if (first === 0x22) return skipString(text, i);
    if (first !== 0x7b && first !== 0x5b) return skipScalar(text, i);
    const n = text.length;
    let depth = 0;
    for (let j = i; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) j = skipString(text, j) - 1;
      else if (d === 0x0a) {
        line++;
        while (text.charCodeAt(j + 1) === 0x20) j++;
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) {
          this.line = line;
          return j + 1;
        }
      }
    }
    this.line = line;
    return n;
  }
}

/** A key's text decoded; JSON.parse only when it holds an escape. */
function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

/** Offset just past the string whose opening quote is at `i` (the end of the text if it never closes). */
export function skipString(text: string, i: number): number {
  for (let j = i + 1; ;) {
    const quote = text.indexOf('"', j);
    if (quote < 0) return text.length;
    let k = quote - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    // An even run of backslashes before the quote escapes only itself.
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

/** Offset just past a number, true, false or null at `i` (at least one character on). */
function skipScalar(text: string, i: number): number {
  let j = i + 1;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
  }
  return Math.min(j, text.length);
}
