/**
 * Two patterns written atom by atom alike but for quantifier bounds (`[a-z]{1,5}` → `[a-z]{1,10}`)
 * and character classes (`[a-z]` → `[a-z0-9]`). A sequence admits at least what another does when
 * each of its atoms admits at least what the other's atom at that position does: repeating an
 * atom within wider bounds, or a class holding every character the other's holds, admits more
 * (concatenation and repetition keep inclusion), and so does a search for it (what held a match
 * still does). Only such atom-for-atom rewrites are decided; anything else — groups that differ,
 * alternatives, classes with escapes whose sets are not read here — stays undecided.
 */
import type { PatternRelation } from './pattern-anchors.js';

interface Atom {
  /** The atom as written (a group, an escape, a literal), or its class's ranges. */
  text: string;
  ranges?: [number, number][];
  min: number;
  max: number;
}

/** How `head`'s atoms relate to `base`'s, atom by atom; `unknown` unless every pair is decided one way. */
export function atomsRelation(base: string, head: string): PatternRelation {
  const b = atoms(base);
  const h = atoms(head);
  if (!b || !h || b.length !== h.length) return 'unknown';
  let wider = false;
  let narrower = false;
  for (let i = 0; i < b.length; i++) {
    const relation = atomRelation(b[i]!, h[i]!);
    if (relation === 'unknown') return 'unknown';
    if (relation === 'wider') wider = true;
    if (relation === 'narrower') narrower = true;
  }
  return wider && narrower ? 'unknown' : wider ? 'wider' : narrower ? 'narrower' : 'same';
}

function atomRelation(b: Atom, h: Atom): PatternRelation {
  const what: PatternRelation =
    b.text === h.text ? 'same' : b.ranges && h.ranges ? classRelation(b.ranges, h.ranges) : 'unknown';
  const bounds: PatternRelation =
    b.min === h.min && b.max === h.max
      ? 'same'
      : h.min <= b.min && h.max >= b.max
        ? 'wider'
        : b.min <= h.min && b.max >= h.max
          ? 'narrower'
          : 'unknown';
  if (what === 'unknown' || bounds === 'unknown') return 'unknown';
  if (what === 'same') return bounds;
  if (bounds === 'same' || bounds === what) return what;
  return 'unknown';
}

function classRelation(b: [number, number][], h: [number, number][]): PatternRelation {
  const bInH = covers(h, b);
  const hInB = covers(b, h);
  return bInH && hInB ? 'same' : bInH ? 'wider' : hInB ? 'narrower' : 'unknown';
}

/** Does every character of `inner` fall within one of `outer`'s ranges? */
function covers(outer: [number, number][], inner: [number, number][]): boolean {
  return inner.every(([lo, hi]) => {
    for (let c = lo; c <= hi; c++) if (!outer.some(([a, z]) => a <= c && c <= z)) return false;
    return true;
  });
}

/** The pattern's atoms with their bounds; undefined where it holds what is not read here (`|`, an open group). */
function atoms(pattern: string): Atom[] | undefined {
  const out: Atom[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let text: string;
    let ranges: [number, number][] | undefined;
    if (c === '|' || c === ')' || c === '^' || c === '$') return undefined;
    if (c === '\\') text = pattern.slice(i, i + 2);
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      text = pattern.slice(i, end + 1);
      ranges = classRanges(pattern.slice(i + 1, end));
    } else if (c === '(') {
      const end = groupEnd(pattern, i);
      if (end < 0) return undefined;
      text = pattern.slice(i, end + 1);
    } else text = c;
    i += text.length;
    const q = quantifier(pattern, i);
    if (q === undefined) return undefined;
    i += q.length;
    out.push({ text, ...(ranges ? { ranges } : {}), min: q.min, max: q.max });
  }
  return out;
}

/** The bounds of the quantifier at `i` (none: once), its lazy `?` read as part of it. */
function quantifier(p: string, i: number): { min: number; max: number; length: number } | undefined {
  const lazy = (q: { min: number; max: number; length: number }) =>
    p[i + q.length] === '?' ? { ...q, length: q.length + 1 } : q;
  const c = p[i];
  if (c === '*') return lazy({ min: 0, max: Infinity, length: 1 });
  if (c === '+') return lazy({ min: 1, max: Infinity, length: 1 });
  if (c === '?') return lazy({ min: 0, max: 1, length: 1 });
  if (c !== '{') return { min: 1, max: 1, length: 0 };
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  // A `{` that opens no quantifier is a literal to ECMAScript without the u flag; not read here.
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return lazy({ min, max, length: m[0].length });
}

function classEnd(p: string, open: number): number {
  for (let i = open + 1; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']' && i > open + 1) return i;
  }
  return -1;
}

function groupEnd(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(p, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A class's characters as ranges: literals, `a-z` ranges, `\d` and escaped punctuation. A negated
 * class, or one holding another escape (`\w`, `\s`, `\p{…}`), is not read (undefined).
 */
function classRanges(body: string): [number, number][] | undefined {
  if (body.startsWith('^')) return undefined;
  const chars: (number | [number, number])[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const e = body[++i];
      if (e === 'd') chars.push([48, 57]);
      // An escaped character stands for itself, never for a range's dash.
      else if (e !== undefined && /[-\\\].^[/.]/.test(e)) chars.push([e.charCodeAt(0), e.charCodeAt(0)]);
      else return undefined;
    } else chars.push(c.charCodeAt(0));
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < chars.length; i++) {
    const x = chars[i]!;
    const dash = chars[i + 1];
    const to = chars[i + 2];
    if (typeof x === 'number' && dash === 45 && typeof to === 'number') {
      if (to < x) return undefined;
      ranges.push([x, to]);
      i += 2;
    } else ranges.push(typeof x === 'number' ? [x, x] : x);
  }
  return ranges;
}
