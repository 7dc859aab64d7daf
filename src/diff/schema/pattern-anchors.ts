/**
 * How two patterns that differ only in their anchors relate. JSON Schema's `pattern` is searched
 * for, not matched whole (2020-12 validation §6.3.3, ECMA-262 without flags): `[0-9]+` admits
 * every string holding a digit, `^[0-9]+$` only strings of digits. So dropping an anchor admits
 * more, adding one admits less, and `.*` at either end of an unanchored pattern says nothing
 * (`.*X.*` is found wherever `X` is). Releases rewrite patterns so (APIs.guru: 150 of 272
 * request pattern changes between two releases were anchors alone), and so do alternatives added
 * or removed beside those kept; any other rewrite is left to the caller as a change whose
 * direction cannot be decided.
 */

import { atomsRelation } from './pattern-atoms.js';

export type PatternRelation = 'same' | 'wider' | 'narrower' | 'unknown';

interface Anchored {
  body: string;
  start: boolean;
  end: boolean;
}

/**
 * How the head pattern's set of matching strings relates to the base's. A pattern that does not
 * compile with the `u` flag (`\-` outside a class, a class's `\w-.`, a `{` that opens no
 * quantifier: identity escapes and Annex B forms only a pattern without it allows) is read by one
 * validator and rejected by another (ajv compiles with `u` by default): never decided.
 */
export function patternRelation(base: string, head: string): PatternRelation {
  if (!compilesWithUnicode(base) || !compilesWithUnicode(head)) return 'unknown';
  const b = anchors(base);
  const h = anchors(head);
  if (b.body !== h.body) {
    const alternatives = alternativesRelation(base, head);
    // Anchored alike, atom for atom: bounds and classes that only widened or only narrowed.
    if (alternatives !== 'unknown' || b.start !== h.start || b.end !== h.end) return alternatives;
    return atomsRelation(b.body, h.body);
  }
  // An anchor is an assertion: removing one admits more, adding one admits less.
  const dropped = (b.start && !h.start) || (b.end && !h.end);
  const added = (!b.start && h.start) || (!b.end && h.end);
  if (dropped && added) return 'unknown';
  return dropped ? 'wider' : added ? 'narrower' : 'same';
}

/** Parsed by the engine, never run: no input is matched, so a pattern that backtracks costs nothing. */
function compilesWithUnicode(pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').unicode;
  } catch {
    return false;
  }
}

/**
 * The pattern without its outer anchors and `.*` ends. Only a `^` that opens the pattern and a `$`
 * that closes it (not escaped) are read; removing them removes an assertion even where an
 * alternation binds them to one branch only (`^a|b`), so the relation still holds.
 */
function anchors(pattern: string): Anchored {
  let body = pattern;
  let start = false;
  let end = false;
  if (body.startsWith('^')) {
    start = true;
    body = body.slice(1);
  }
  if (body.startsWith('.*')) {
    start = false;
    body = body.slice(2);
  }
  if (body.endsWith('$') && !escaped(body, body.length - 1)) {
    end = true;
    body = body.slice(0, -1);
  }
  if (body.endsWith('.*') && !escaped(body, body.length - 2)) {
    end = false;
    body = body.slice(0, -2);
  }
  return { body, start, end };
}

/** Is the character at `i` escaped (an odd run of backslashes before it)? */
function escaped(s: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}

/**
 * Patterns that list alternatives (`a|b`): one whose alternatives include every one of the other's
 * admits at least as much (`[-.\w]+` → `([-.\w]+)|(arn:aws:…)`, an ARN now accepted beside the
 * name). An alternative wrapped whole in a group is read without it; a pattern with a
 * backreference is left undecided (its groups' numbers would count).
 */
function alternativesRelation(base: string, head: string): PatternRelation {
  if (BACKREFERENCE.test(base) || BACKREFERENCE.test(head)) return 'unknown';
  const b = topLevelAlternatives(base);
  const h = topLevelAlternatives(head);
  if (!b || !h) return 'unknown';
  const within = (xs: Set<string>, ys: Set<string>) => [...xs].every((x) => ys.has(x));
  if (within(b, h)) return within(h, b) ? 'same' : 'wider';
  return within(h, b) ? 'narrower' : 'unknown';
}

const BACKREFERENCE = /\\(?:[1-9]|k<)/;

/** The alternatives of a pattern's outermost `|`, each without a group that wraps it whole. */
function topLevelAlternatives(pattern: string): Set<string> | undefined {
  const parts = splitAlternatives(pattern);
  return parts && new Set(parts.map(unwrapped));
}

/**
 * The pattern split at each `|` outside groups and character classes (pattern-everything.ts reads
 * them too); none when its groups or classes do not balance.
 */
export function splitAlternatives(pattern: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(pattern.slice(from, i));
      from = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || inClass) return undefined;
  parts.push(pattern.slice(from));
  return parts;
}

/** `(X)` or `(?:X)` whose group spans the whole alternative: `X`. Lookarounds stay as written. */
function unwrapped(part: string): string {
  const open = part.startsWith('(?:') ? 3 : part.startsWith('(') && !part.startsWith('(?') ? 1 : 0;
  if (open === 0 || !part.endsWith(')')) return part;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i < part.length - 1) return part;
  }
  return part.slice(open, -1);
}
