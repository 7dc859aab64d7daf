import type { SourceRange } from './finding.js';
import type { LocatedDocument } from './located-document.js';
import { parsePointer } from './pointer.js';
import type { JsonLocator, Position } from './json-scanning-locator.js';
import { scanningLocator, skipString, skipValue, skipWhitespace } from './json-scanning-locator.js';
import { MAX_NESTING } from './text-checks.js';

/**
 * The fast path of `parseLocated` for JSON text. The yaml library builds a node per value, which
 * takes seconds and hundreds of megabytes on a 12 MB OpenAPI description; `JSON.parse` takes ~0.1 s.
 * Positions are needed only for the few pointers that end up in a finding, so they are found on
 * demand (`jsonLocator`), and each container walked through is remembered (a second lookup in the
 * same object costs a map lookup).
 */

export type { JsonLocator } from './json-scanning-locator.js';

/** Below this size the yaml parser's cost is negligible and its stricter checks are worth having. */
export const FAST_JSON_MIN_CHARS = 256 * 1024;

/** A large JSON text parsed, with what the one walk over its value found. */
export interface LargeJson {
  document: LocatedDocument;
  /** Whether a `$ref` names another file (its value does not start with `#`). */
  refersToOtherFiles: boolean;
}

/**
 * Large JSON (no aliases, so no alias limit to enforce) parsed by `JSON.parse` and located on demand;
 * undefined for anything else — smaller files, YAML, or text that JSON.parse rejects — which the
 * yaml library parses instead: it explains a syntax error with its position, and it rejects
 * duplicate keys (JSON.parse silently keeps the last one, so a reviewer could read one value while
 * the tools use another); the fast path keeps that last-wins behaviour only for files too large to
 * review by eye anyway.
 */
export function parseLargeJson(file: string, text: string): LargeJson | undefined {
  if (text.length < FAST_JSON_MIN_CHARS || !looksLikeJson(text)) return undefined;
  const fast = parseJsonFast(text);
  if (!fast) return undefined;
  // V8's JSON.parse takes any depth without recursing; what walks the value afterwards does not:
  // yaml says where it is too deep.
  const shape = jsonShape(fast.value, MAX_NESTING);
  if (shape.tooDeep) return undefined;
  const locator = jsonLocator(text, fast.value);
  return {
    document: { file, value: fast.value, rangeOf: (pointer) => locator.rangeOf(pointer) },
    refersToOtherFiles: shape.refersToOtherFiles,
  };
}

/** The value of a JSON text, or undefined when `JSON.parse` rejects it (the caller then explains why). */
export function parseJsonFast(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** What one walk over a parsed value tells. */
export interface JsonShape {
  /** A container sits more than the limit deep (the root is at depth 1), as its opening bracket would. */
  tooDeep: boolean;
  /** An object holds a `$ref` string that does not start with `#` (a reference to another file). */
  refersToOtherFiles: boolean;
}

/**
 * Nesting and references to other files, found in one walk over the parsed value (a walk costs
 * about a tenth of the `JSON.parse` before it; a scan of the text for `$ref` cost as much again).
 * It recurses, but never deeper than `limit` containers: call it with a limit the stack holds
 * (MAX_NESTING), whatever the depth of the value — a recursive walk is a third faster than one
 * keeping its own stack.
 */
export function jsonShape(value: unknown, limit: number): JsonShape {
  const shape: JsonShape = { tooDeep: false, refersToOtherFiles: false };
  if (value !== null && typeof value === 'object') walkShape(value, 1, limit, shape);
  return shape;
}

function walkShape(container: object, depth: number, limit: number, shape: JsonShape): void {
  if (depth > limit) {
    shape.tooDeep = true;
    return;
  }
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length && !shape.tooDeep; i++) {
      const item: unknown = container[i];
      if (item !== null && typeof item === 'object') walkShape(item, depth + 1, limit, shape);
    }
    return;
  }
  for (const key in container) {
    const child = (container as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') {
      walkShape(child, depth + 1, limit, shape);
      if (shape.tooDeep) return;
    } else if (key === '$ref' && typeof child === 'string' && !child.startsWith('#'))
      shape.refersToOtherFiles = true;
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

/**
 * Where a pointer is in a large JSON text. Pretty-printed JSON (`JSON.stringify(v, null, n)`, jq,
 * formatters) is navigated by its lines: in JSON a line break can only be whitespace between tokens,
 * so a container's members are the lines one indent deeper than the line that opens it, up to the
 * line that closes it at the same indent. One pass over the text records where each line starts and
 * how far it is indented; after that, finding a member costs a walk over a small array of indents,
 * and the text itself is read only at the members' lines. Each container's members are checked
 * against its parsed `value` (the same keys, or as many items): a container that does not match —
 * compact or hand-formatted JSON, duplicate keys — is searched by the scanning locator instead, so a
 * location is never wrong, only slower to find.
 */
export function jsonLocator(text: string, value: unknown): JsonLocator {
  let lines: Lines | undefined;
  let scanning: JsonLocator | undefined;
  let indented: IndentedLocator | null | undefined;
  return {
    rangeOf(pointer) {
      lines ??= new Lines(text);
      const at = lines;
      indented ??= IndentedLocator.create(text, value, at);
      const found = indented?.rangeOf(pointer);
      if (found) return found;
      scanning ??= scanningLocator(text, (offset) => at.position(offset));
      return scanning.rangeOf(pointer);
    },
  };
}

/**
 * The line-navigating half of `jsonLocator` alone: null when the text is not laid out one member per
 * line, a range of undefined where a container on the way does not check out.
 */
export function indentedLocator(
  text: string,
  value: unknown,
): { rangeOf(pointer: string): SourceRange | undefined } | null {
  return IndentedLocator.create(text, value, new Lines(text));
}

/** A member (from its key's opening quote) or array item, on its own line. */
interface LineMember {
  start: number;
  /** The 0-based line it starts on. */
  line: number;
  valueStart: number;
  /** Its parsed value, against which its own members are checked. */
  value: unknown;
  /** -1 until needed. */
  end: number;
  /**
   * The first line after its own at its indent or shallower, where a block it opens must close; -1
   * until its container's lines are read.
   */
  stop: number;
}

class IndentedLocator {
  /** Members by the offset of their container's opening bracket; null when they did not check out. */
  private readonly containers = new Map<number, Map<string, LineMember> | null>();

  private constructor(
    private readonly text: string,
    private readonly lines: Lines,
    private readonly root: LineMember,
    private readonly unit: number,
  ) {}

  /** A locator for pretty-printed JSON, or null when the text is not laid out one member per line. */
  static create(text: string, value: unknown, lines: Lines): IndentedLocator | null {
    if (!lines.indents) return null;
    const rootStart = skipWhitespace(text, 0);
    if (rootStart >= text.length || !opensBlock(text, rootStart)) return null;
    const line = lines.indexOf(rootStart);
    const unit = (lines.indents[line + 1] ?? 0) - lines.indents[line]!;
    if (unit <= 0) return null;
    return new IndentedLocator(
      text,
      lines,
      { start: rootStart, line, valueStart: rootStart, value, end: -1, stop: -1 },
      unit,
    );
  }

  /** The range, or undefined when a container on the way is not laid out as expected. */
  rangeOf(pointer: string): SourceRange | undefined {
    let best = this.root;
    for (const segment of parsePointer(pointer)) {
      const members = this.membersOf(best);
      if (members === undefined) return undefined;
      const member = members?.get(segment);
      if (!member) break;
      best = member;
    }
    const position = (offset: number) => this.lines.position(offset);
    if (best === this.root) return { start: position(0), end: position(0) };
    return { start: position(best.start), end: position(Math.max(best.start, this.endOf(best))) };
  }

  /** Null for a value without members (a scalar); undefined when its lines do not check out. */
  private membersOf(container: LineMember): Map<string, LineMember> | null | undefined {
    const { value } = container;
    if (value === null || typeof value !== 'object') return null;
    let members = this.containers.get(container.valueStart);
    if (members === undefined) {
      members = this.readMembers(container, value);
      this.containers.set(container.valueStart, members);
    }
    return members ?? undefined;
  }

  /**
   * The lines one indent deeper than the container's, up to the line that closes it: the first line
   * after it that is not indented deeper, which must hold the matching bracket at the container's
   * indent. The same walk notes where each member's own block must close (its `stop`).
   */
  private readMembers(container: LineMember, value: object): Map<string, LineMember> | null {
    const { text, lines } = this;
    const indents = lines.indents!;
    const open = container.valueStart;
    const isObject = text.charCodeAt(open) === 0x7b;
    const expected = isObject ? Object.keys(value).length : (value as unknown[]).length;
    if (!opensBlock(text, open)) return expected === 0 ? new Map() : null;
    const indent = indents[container.line]!;
    const inner = indent + this.unit;
    const members = new Map<string, LineMember>();
    let pending: LineMember | undefined;
    let line = container.line + 1;
    for (; line < indents.length; line++) {
      const at = indents[line]!;
      if (at <= indent) break;
      if (at > inner) continue;
      if (pending) pending.stop = line;
      pending = undefined;
      if (at !== inner) continue;
      const memberStart = lines.starts[line]! + inner;
      const first = text.charCodeAt(memberStart);
      // The line closing a member's own block is not a member.
      if (first === 0x7d || first === 0x5d) continue;
      let key: string;
      let valueStart = memberStart;
      if (isObject) {
        if (first !== 0x22) return null;
        const keyEnd = skipString(text, memberStart);
        try {
          key = JSON.parse(text.slice(memberStart, keyEnd)) as string;
        } catch {
          return null;
        }
        const colon = skipWhitespace(text, keyEnd);
        if (text.charCodeAt(colon) !== 0x3a || members.has(key) || !Object.hasOwn(value, key)) return null;
        valueStart = skipWhitespace(text, colon + 1);
      } else key = String(members.size);
      const memberValue = (value as Record<string, unknown>)[key];
      pending = { start: memberStart, line, valueStart, value: memberValue, end: -1, stop: -1 };
      members.set(key, pending);
    }
    if (pending) pending.stop = line;
    if (!this.closes(container, line, indent)) return null;
    return members.size === expected ? members : null;
  }

  /** Whether `line` holds the bracket closing the container's block, at the container's indent. */
  private closes(container: LineMember, line: number, indent: number): boolean {
    const { text, lines } = this;
    const bracket = text.charCodeAt(container.valueStart) === 0x7b ? 0x7d : 0x5d;
    return (
      line < lines.starts.length &&
      lines.indents![line] === indent &&
      text.charCodeAt(lines.starts[line]! + indent) === bracket
    );
  }

  /** Offset just past the member's value: its closing bracket when it spans lines, else a short scan. */
  private endOf(member: LineMember): number {
    if (member.end >= 0) return member.end;
    const indent = this.lines.indents![member.line]!;
    member.end =
      opensBlock(this.text, member.valueStart) && this.closes(member, member.stop, indent)
        ? this.lines.starts[member.stop]! + indent + 1
        : skipValue(this.text, member.valueStart);
    return member.end;
  }
}

/**
 * Where each line starts, and how many spaces indent it (`indents` is undefined when an indent does
 * not fit a byte: such a text is not navigated by its lines). One pass over the text.
 */
class Lines {
  readonly starts: Int32Array;
  readonly indents: Uint8Array | undefined;

  constructor(text: string) {
    let starts = new Int32Array(1024);
    let indents = new Uint8Array(1024);
    let count = 0;
    let deep = false;
    for (let start = 0; ;) {
      let first = start;
      while (text.charCodeAt(first) === 0x20) first++;
      if (count === starts.length) {
        starts = grow(starts, new Int32Array(count * 2));
        indents = grow(indents, new Uint8Array(count * 2));
      }
      starts[count] = start;
      indents[count] = first - start;
      if (first - start > 0xff) deep = true;
      count++;
      const next = text.indexOf('\n', first);
      if (next < 0) break;
      start = next + 1;
    }
    this.starts = starts.subarray(0, count);
    this.indents = deep ? undefined : indents.subarray(0, count);
  }

  /** The 0-based index of the line holding `offset`. */
  indexOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const index = this.indexOf(offset);
    return { line: index + 1, column: offset - this.starts[index]! + 1 };
  }
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** True when a `{` or `[` at `i` ends its line: its members are on the lines below. */
function opensBlock(text: string, i: number): boolean {
  const open = text.charCodeAt(i);
  if (open !== 0x7b && open !== 0x5b) return false;
  const next = text.charCodeAt(i + 1);
  return next === 0x0a || (next === 0x0d && text.charCodeAt(i + 2) === 0x0a);
}
