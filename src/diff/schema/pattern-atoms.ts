/**
 * Two patterns written atom by atom alike but for quantifier bounds (`[a-z]{1,5}` → `[a-z]{1,10}`)
 * and the characters an atom stands for (`[a-z]` → `[a-z0-9]`, `[a-z]` → `\w`, `[^,]` → `[^,;]`,
 * `x` → `[xy]`; pattern-classes.ts reads them). A sequence admits at least what another does when
 * each of its atoms admits at least what the other's atom at that position does: repeating an
 * atom within wider bounds, or a set holding every character the other's holds, admits more
 * (concatenation and repetition keep inclusion), and so does a search for it (what held a match
 * still does). Only such atom-for-atom rewrites are decided; anything else — groups that differ,
 * alternatives, escapes whose sets are not read here — stays undecided.
 */
import type { PatternRelation } from './pattern-anchors.js';
import type { CharSet } from './pattern-classes.js';
import { atomSet, classSet, escapeLength, setRelation } from './pattern-classes.js';

interface Atom {
  /** The atom as written (a group, an escape, a literal, a class), and the characters it stands for. */
  text: string;
  set?: CharSet;
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
    b.text === h.text ? 'same' : b.set && h.set ? setRelation(b.set, h.set) : 'unknown';
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

/** The pattern's atoms with their bounds; undefined where it holds what is not read here (`|`, an open group). */
function atoms(pattern: string): Atom[] | undefined {
  const out: Atom[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let text: string;
    let set: CharSet | undefined;
    if (c === '|' || c === ')' || c === '^' || c === '$') return undefined;
    if (c === '\\') text = pattern.slice(i, i + escapeLength(pattern, i));
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      text = pattern.slice(i, end + 1);
      set = classSet(pattern.slice(i + 1, end));
    } else if (c === '(') {
      const end = groupEnd(pattern, i);
      if (end < 0) return undefined;
      text = pattern.slice(i, end + 1);
    } else text = c;
    if (c !== '[') set = atomSet(text);
    i += text.length;
    const q = quantifier(pattern, i);
    if (q === undefined) return undefined;
    i += q.length;
    out.push({ text, ...(set ? { set } : {}), min: q.min, max: q.max });
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

/**
 * Where the class opened at `open` closes. `[]` is ECMA-262's empty class (a `]` first closes it,
 * unlike in other dialects): not read here.
 */
function classEnd(p: string, open: number): number {
  if (p[open + 1] === ']') return -1;
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
