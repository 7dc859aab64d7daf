/**
 * Where a JSON pointer is in a JSON text, found by reading the text's tokens: the locator of the
 * large-JSON fast path (`jsonLocator` in located-json.ts), for any layout — pretty-printed, minified
 * or hand-formatted.
 *
 * Why tokens and not lines: a line-and-indent shortcut (a container's members are the lines one
 * indent deeper) cannot be checked without reading what it skips. A line that looks like a member
 * can hold the end of one member and the start of the next (`}, "b": 2,`), so a hostile layout
 * can put a key on a line that belongs to another container while every key and count still
 * matches the parsed value. Reading tokens is the only way to be sure.
 *
 * What makes it cheap on a 13 MB description (GitHub's REST description, the 786 places of the
 * 22.0.0 → 23.0.2 diff: ~16M characters read): a skipped value is passed by sticky regular
 * expressions that consume everything between two brackets (strings whole) in native code, and
 * deeper down also a closing bracket followed by an opening one (siblings, the depth unchanged), so
 * JavaScript sees ~150k brackets instead of every character and every string; a skip remembers
 * where the large containers near its top end, so a later lookup inside them does not read them
 * again; and lines are not counted while skipping but only for the offsets a range returns.
 */
import type { SourceRange } from './finding.js';
import { START_OF_FILE } from './finding.js';
import { LineCounter } from './line-counter.js';
import { decodePointerSegment, parsePointer } from './pointer.js';

export interface JsonLocator {
  rangeOf(pointer: string): SourceRange;
  /**
   * The line `rangeOf(pointer)` starts on, without reading to the end of the value: a report that
   * shows only lines (the diff's) does not pay for the pass over a large value it names.
   */
  lineOf(pointer: string): number;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** An object member (from its key's opening quote) or an array item. */
interface Member {
  start: number;
  valueStart: number;
  /** Offset just past the value; -1 until the value has been read past. */
  end: number;
}

/**
 * How far a pointer leads: to `member` itself (`exact`), or, when a segment names something absent,
 * to the deepest existing ancestor, which every longer pointer then also reaches.
 */
interface Reached {
  member: Member;
  exact: boolean;
}

function reachedRoot(root: Member): Reached {
  return { member: root, exact: true };
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
  /** Just past the opening bracket. */
  open: number;
  /** Items read so far (arrays). */
  index: number;
  /** Offset just past the closing bracket; -1 until read. */
  end: number;
}

/**
 * A container at least this long (in characters) near the top of a skip has its end remembered: a
 * walk into a skipped region (a lookup under `/paths` after one under `/components` skipped all of
 * `/paths`) then jumps over each large member instead of reading it again.
 */
const REMEMBERED_CONTAINER_CHARS = 1024;

/**
 * How many levels below a skipped container have their ends remembered. Deeper, a closing bracket
 * followed by an opening one passes inside the native call, which hides where a container ends but
 * saves JavaScript a turn per sibling: the CLI's short-process tiering (src/cli/tiering.ts) leaves
 * this loop unoptimised for most of a diff, so each turn costs ~0.1 µs.
 */
const REMEMBERED_DEPTH = 3;

/**
 * The locator of a JSON text that `JSON.parse` accepts (other text gets ranges, never an error or
 * an endless loop, but they may be meaningless). A pointer's range runs from its key's opening
 * quote (or its item's first character) to just past its value; a pointer naming something absent
 * gets its deepest existing ancestor's range, and the root's is the start of the file.
 * `rememberFrom` is for tests: the size from which a skipped container's end is remembered.
 */
export function jsonLocator(text: string, rememberFrom = REMEMBERED_CONTAINER_CHARS): JsonLocator {
  return new TokenLocator(text, rememberFrom);
}

class TokenLocator implements JsonLocator {
  /** Containers walked into, by the offset of their opening bracket. */
  private readonly containers = new Map<number, Container>();
  /** Just past the closing bracket of containers a skip passed, by the offset of their opening one. */
  private readonly ends = new Map<number, number>();
  private readonly lines: LineCounter;
  /** Opening brackets of the containers a skip is inside, by depth, down to REMEMBERED_DEPTH. */
  private readonly opens: number[] = [];
  /**
   * From just past a bracket to the next bracket outside strings, in one native call; it stops
   * early only at a string that never closes. Per locator: a sticky expression's `lastIndex` is state.
   */
  private readonly toBracket = /[^"{}[\]]*(?:"[^"\\]*(?:\\[^][^"\\]*)*"[^"{}[\]]*)*/y;
  /** The same, passing also each closing bracket that an opening one follows (depth unchanged). */
  private readonly toDeeperBracket = new RegExp(
    `${this.toBracket.source}(?:[}\\]]${this.toBracket.source}[{[]${this.toBracket.source})*`,
    'y',
  );
  private root: Member | undefined;
  /**
   * What `memberAt` found, by pointer and by each prefix it walked through: pointers reported
   * together share most of their prefixes (Microsoft Graph 1.1.3 → 1.3.17 reports ~30k places five
   * segments deep on average), so a lookup decodes and finds only the segments past the longest
   * prefix already walked, usually one.
   */
  private readonly reached = new Map<string, Reached>();

  constructor(
    private readonly text: string,
    private readonly rememberFrom: number,
  ) {
    this.lines = new LineCounter(text);
  }

  rangeOf(pointer: string): SourceRange {
    const best = this.memberAt(pointer);
    if (best === undefined) return START_OF_FILE;
    if (best === this.root) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    this.readPast(best);
    return { start: this.position(best.start), end: this.position(best.end) };
  }

  lineOf(pointer: string): number {
    const best = this.memberAt(pointer);
    return best === undefined || best === this.root ? 1 : this.lines.lineAt(best.start).line + 1;
  }

  /**
   * The member the pointer names, else its deepest existing ancestor (the root at the least);
   * undefined for text without a value.
   */
  private memberAt(pointer: string): Member | undefined {
    const root = (this.root ??= this.rootMember());
    if (root.valueStart >= this.text.length) return undefined;
    const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
    // `parsePointer` reads a pointer without a leading slash (`''`, `'a'`) as at most one segment.
    if (!body.startsWith('/'))
      return parsePointer(pointer).reduce((at, segment) => this.step(at, segment), reachedRoot(root)).member;
    // The ends of the prefixes not walked yet, longest first: prefix `body.slice(0, end)`.
    const ends: number[] = [];
    let at: Reached | undefined;
    for (let end = body.length; end > 0 && !(at = this.reached.get(body.slice(0, end)));) {
      ends.push(end);
      end = body.lastIndexOf('/', end - 1);
    }
    at ??= reachedRoot(root);
    for (let k = ends.length - 1; k >= 0; k--) {
      const end = ends[k]!;
      const segment = body.slice(body.lastIndexOf('/', end - 1) + 1, end);
      at = this.step(at, decodePointerSegment(segment));
      this.reached.set(body.slice(0, end), at);
    }
    return at.member;
  }

  /** One segment further down from where a prefix led. */
  private step(from: Reached, segment: string): Reached {
    if (!from.exact) return from;
    const container = this.containerAt(from.member);
    const member = container && this.find(container, segment);
    return member ? { member, exact: true } : { member: from.member, exact: false };
  }

  private rootMember(): Member {
    const start = skipSpace(this.text, 0);
    return { start, valueStart: start, end: -1 };
  }

  private position(offset: number): Position {
    const { line, start } = this.lines.lineAt(offset);
    return { line: line + 1, column: offset - start + 1 };
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
      index: 0,
      end: -1,
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
      i = skipSpace(text, last.end);
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
    } else i = skipSpace(text, c.open);
    const first = text.charCodeAt(i);
    if (i >= text.length || first === 0x7d || first === 0x5d || (c.isObject && first !== 0x22)) {
      c.end = Math.min(i + 1, text.length);
      return undefined;
    }
    let name: string;
    let valueStart = i;
    if (c.isObject) {
      const keyEnd = skipString(text, i);
      name = keyOf(text, i, keyEnd);
      valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    } else name = String(c.index++);
    const member: Member = { start: i, valueStart, end: -1 };
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
    } else member.end = this.skipValue(member.valueStart);
  }

  /** Offset just past the value starting at `i`. */
  private skipValue(i: number): number {
    const { text } = this;
    const first = text.charCodeAt(i);
    if (first === 0x22) return skipString(text, i);
    if (first !== 0x7b && first !== 0x5b) return skipScalar(text, i);
    return this.ends.get(i) ?? this.skipContainer(i);
  }

  /**
   * Offset just past the container whose opening bracket is at `i` (the end of the text if it never
   * closes). JavaScript sees only the brackets the expressions stop at, and keeps their depth.
   */
  private skipContainer(i: number): number {
    const { text, ends, opens } = this;
    let depth = 0;
    let overflowed = false;
    for (let j = i; ;) {
      const c = text.charCodeAt(j);
      if (c === 0x7b || c === 0x5b) {
        if (depth < REMEMBERED_DEPTH) opens[depth] = j;
        depth++;
      } else if (--depth === 0) return j + 1;
      else if (depth < REMEMBERED_DEPTH) {
        const open = opens[depth] ?? i;
        if (j + 1 - open >= this.rememberFrom) ends.set(open, j + 1);
      }
      if (overflowed) j = nextBracket(text, j + 1);
      else {
        const run = depth > REMEMBERED_DEPTH ? this.toDeeperBracket : this.toBracket;
        run.lastIndex = j + 1;
        try {
          run.test(text);
          j = run.lastIndex;
        } catch {
          // Its backtracking stack overflowed: the rest of this value is read without expressions,
          // so that no other run reads as far again before it throws too.
          overflowed = true;
          j = nextBracket(text, j + 1);
        }
      }
      // Stopped short of a bracket: the text ended, or a string never closes.
      if (j >= text.length || text.charCodeAt(j) === 0x22) return text.length;
    }
  }
}

/**
 * Offset of the first bracket outside strings at or after `i`, or the end of the text if there is
 * none or a string never closes: what `toBracket` finds, one string per turn. For text where the
 * expressions throw: each string and each escape they pass costs them backtracking stack, and valid
 * JSON overflows it with a RangeError — 2.5M strings between two brackets (`["","",…]`, 7.5 MB), or
 * millions of escapes in one string.
 */
function nextBracket(text: string, i: number): number {
  const plain = /[^"{}[\]]*/y;
  for (;;) {
    plain.lastIndex = i;
    plain.test(text);
    if (text.charCodeAt(plain.lastIndex) !== 0x22) return plain.lastIndex;
    i = skipString(text, plain.lastIndex);
    if (i >= text.length) return text.length;
  }
}

/** Offset of the first token at or after `i`. */
function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) break;
  }
  return i;
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
