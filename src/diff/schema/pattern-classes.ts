/**
 * The characters one atom of a pattern stands for, as a set: a literal, `.`, a class escape (`\d`,
 * `\w`, `\s` and their negations `\D`, `\W`, `\S`) or a bracketed class (`[a-z\d_]`, negated
 * `[^,;]`), read by ECMA-262's rules without flags (JSON Schema's). What is not read here — a
 * property escape `\p{…}`, an escape whose meaning depends on the `u` flag, a surrogate half —
 * leaves the atom without a set, and two atoms without one relate only when written alike.
 *
 * Sets are sorted, disjoint ranges of code points. A negation is taken against every code point,
 * which is wider than a non-`u` pattern's code units: a set that holds another over every code
 * point holds it over the code units too, and a difference counts only when it has a code unit
 * (U+FFFF or below), so what is decided holds whichever way the pattern is run. Everything is
 * parsed, never run, and linear in the pattern (ranges sorted once per class): a hostile pattern
 * costs no more than its length.
 */
import type { PatternRelation } from './pattern-anchors.js';

export type CharSet = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;
const MAX_CODE_UNIT = 0xffff;

const DIGITS: CharSet = [[0x30, 0x39]];
const WORD: CharSet = normalised([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
/** ECMA-262 WhiteSpace and LineTerminator, what `\s` stands for. */
const SPACE: CharSet = normalised([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** What `.` leaves out without the `s` flag: the line terminators. */
const LINE_TERMINATORS: CharSet = normalised([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]);

const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};

/** Escapes that stand for one character: `\t`, `\n`… */
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Characters with a meaning of their own outside a class: not a literal there. */
const SYNTAX = new Set('^$\\.*+?()[]{}|');

/** How `head`'s set relates to `base`'s; `unknown` unless one holds the other. */
export function setRelation(base: CharSet, head: CharSet): PatternRelation {
  const baseInHead = subset(base, head);
  const headInBase = subset(head, base);
  if (baseInHead && headInBase) return 'same';
  if (baseInHead) return hasCodeUnit(minus(head, base)) ? 'wider' : 'unknown';
  if (headInBase) return hasCodeUnit(minus(base, head)) ? 'narrower' : 'unknown';
  return 'unknown';
}

/** The set of an atom written outside a class (`a`, `.`, `\d`, `\.`); undefined when not read here. */
export function atomSet(text: string): CharSet | undefined {
  if (text === '.') return complement(LINE_TERMINATORS);
  if (text.startsWith('\\')) {
    const escape = readEscape(text, 0);
    return escape && escape.length === text.length ? escape.set : undefined;
  }
  // Half of a character written as a surrogate pair: one atom with the `u` flag, two without.
  if (text.length !== 1 || SYNTAX.has(text) || isSurrogate(text.charCodeAt(0))) return undefined;
  return single(text.charCodeAt(0));
}

/**
 * How many characters the escape at `at` (a `\`) spans outside a class: `\x41`, `\u0041`, `\p{L}`,
 * `\k<name>`, a backreference's digits; else the `\` and one character.
 */
export function escapeLength(p: string, at: number): number {
  const e = p[at + 1];
  if (e === 'x') return /^[0-9a-fA-F]{2}$/.test(p.slice(at + 2, at + 4)) ? 4 : 2;
  if (e === 'u') return /^[0-9a-fA-F]{4}$/.test(p.slice(at + 2, at + 6)) ? 6 : 2;
  if (e === 'c') return 3;
  const close = e === 'p' || e === 'P' ? '}' : e === 'k' ? '>' : undefined;
  if (close) {
    // Unclosed, the rest is one atom (compared as written): searched for once, never per escape.
    const end = p.indexOf(close, at + 2);
    return end < 0 ? p.length - at : end - at + 1;
  }
  if (e !== undefined && e >= '1' && e <= '9') {
    let end = at + 2;
    while (end < p.length && p[end]! >= '0' && p[end]! <= '9') end++;
    return end - at;
  }
  return 2;
}

/** A bracketed class's set, from its body (between `[` and `]`); undefined when not read here. */
export function classSet(body: string): CharSet | undefined {
  const negated = body.startsWith('^');
  const ranges: (readonly [number, number])[] = [];
  let i = negated ? 1 : 0;
  while (i < body.length) {
    const from = classItem(body, i);
    if (!from) return undefined;
    i += from.length;
    // `x-y`: a range between two characters; a dash first, last or beside a set is itself.
    if (body[i] === '-' && i + 1 < body.length) {
      // A set's dash (`\d-z`) is a literal without the `u` flag and an error with it: not read.
      if (from.char === undefined) return undefined;
      const to = classItem(body, i + 1);
      if (!to || to.char === undefined || to.char < from.char) return undefined;
      ranges.push([from.char, to.char]);
      i += 1 + to.length;
    } else ranges.push(...from.set);
  }
  const set = normalised(ranges);
  return negated ? complement(set) : set;
}

interface Item {
  set: CharSet;
  /** The one character it stands for, when it is one (what a range's ends must be). */
  char?: number;
  length: number;
}

function classItem(body: string, at: number): Item | undefined {
  if (body[at] !== '\\') {
    const code = body.charCodeAt(at);
    return isSurrogate(code) ? undefined : { set: single(code), char: code, length: 1 };
  }
  // Inside a class `\b` is a backspace; the rest read as outside one.
  if (body[at + 1] === 'b') return { set: single(8), char: 8, length: 2 };
  return readEscape(body, at);
}

/** The escape at `at` as a set; undefined for one whose meaning is not read here. */
function readEscape(p: string, at: number): Item | undefined {
  const e = p[at + 1];
  if (e === undefined) return undefined;
  const set = CLASS_ESCAPES[e];
  if (set) return { set, length: 2 };
  const length = escapeLength(p, at);
  const code =
    e === 'x' || e === 'u'
      ? length > 2
        ? parseInt(p.slice(at + 2, at + length), 16)
        : undefined
      : (CONTROL_ESCAPES[e] ?? (/[\^$\\.*+?()[\]{}|/-]/.test(e) ? e.charCodeAt(0) : undefined));
  if (code === undefined || isSurrogate(code)) return undefined;
  return { set: single(code), char: code, length };
}

function single(code: number): CharSet {
  return [[code, code]];
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** Sorted, overlapping and touching ranges merged. */
function normalised(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** Every range of `inner` within one of `outer`'s (both normalised: one pass over each). */
function subset(inner: CharSet, outer: CharSet): boolean {
  let j = 0;
  for (const [lo, hi] of inner) {
    while (j < outer.length && outer[j]![1] < lo) j++;
    const range = outer[j];
    if (!range || range[0] > lo || range[1] < hi) return false;
  }
  return true;
}

function minus(a: CharSet, b: CharSet): CharSet {
  const notB = complement(b);
  const out: [number, number][] = [];
  let j = 0;
  for (const [lo, hi] of a) {
    while (j < notB.length && notB[j]![1] < lo) j++;
    for (let k = j; k < notB.length && notB[k]![0] <= hi; k++)
      out.push([Math.max(lo, notB[k]![0]), Math.min(hi, notB[k]![1])]);
  }
  return out;
}

function hasCodeUnit(set: CharSet): boolean {
  return set.length > 0 && set[0]![0] <= MAX_CODE_UNIT;
}
