/**
 * How two patterns that differ only in their anchors relate. JSON Schema's `pattern` is searched
 * for, not matched whole (2020-12 validation §6.3.3, ECMA-262 without flags): `[0-9]+` admits
 * every string holding a digit, `^[0-9]+$` only strings of digits. So dropping an anchor admits
 * more, adding one admits less, and `.*` at either end of an unanchored pattern says nothing
 * (`.*X.*` is found wherever `X` is). Releases rewrite patterns so (APIs.guru: 150 of 272
 * request pattern changes between two releases were anchors alone); any other rewrite is left
 * to the caller as a change whose direction cannot be decided.
 */

export type PatternRelation = 'same' | 'wider' | 'narrower' | 'unknown';

interface Anchored {
  body: string;
  start: boolean;
  end: boolean;
}

/** How the head pattern's set of matching strings relates to the base's. */
export function patternRelation(base: string, head: string): PatternRelation {
  const b = anchors(base);
  const h = anchors(head);
  if (b.body !== h.body) return 'unknown';
  // An anchor is an assertion: removing one admits more, adding one admits less.
  const dropped = (b.start && !h.start) || (b.end && !h.end);
  const added = (!b.start && h.start) || (!b.end && h.end);
  if (dropped && added) return 'unknown';
  return dropped ? 'wider' : added ? 'narrower' : 'same';
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
