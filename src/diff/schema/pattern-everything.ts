/**
 * A pattern every string matches restricts nothing: the same as no pattern. JSON Schema searches
 * for a pattern (2020-12 validation §6.3.3), so one that matches the empty string without an
 * assertion (`^`, `$`, `\b`, `\B`, a lookaround) finds that empty match at the start of every
 * string: `\S*`, `[a-zA-Z0-9._-]*`, `[\S\s]*` admit everything. Generated descriptions write such
 * patterns by the dozen (AWS's), and one added or dropped changes no value anyone sends or reads.
 */
import { splitAlternatives } from './pattern-anchors.js';

/** Anchored forms read as everything, as authors mean them (`.` leaves out line breaks: pragmatic). */
const WRITTEN_AS_ANYTHING = new Set(['^.*$', '^.*', '.*$', '^(.*)$', '^[\\s\\S]*$', '^[\\S\\s]*$']);

/**
 * Does every string match `pattern`? When one of its alternatives does (`[a-z]*|^arn:.+`): only
 * when each reading decides so, with the `u` flag and without (a pattern one of them rejects is
 * read differently by different validators).
 */
export function matchesEveryString(pattern: string): boolean {
  if (WRITTEN_AS_ANYTHING.has(pattern)) return true;
  if (!compiles(pattern, 'u') || !compiles(pattern, '')) return false;
  // A pattern that compiles has balanced groups and classes: it splits.
  return (splitAlternatives(pattern) ?? [pattern]).some(
    (alternative) =>
      !hasAssertion(alternative) && matchesEmpty(alternative, 'u') && matchesEmpty(alternative, ''),
  );
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

function matchesEmpty(pattern: string, flags: string): boolean {
  try {
    return new RegExp(pattern, flags).test('');
  } catch {
    return false;
  }
}

/**
 * Does the pattern hold an assertion outside a character class? Without one, a match of the empty
 * string depends on no input: it is found at the start of any string.
 */
function hasAssertion(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (!inClass && (next === 'b' || next === 'B')) return true;
      i++;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '^' || c === '$') return true;
    else if (c === '(' && pattern[i + 1] === '?' && isLookaround(pattern.slice(i + 2, i + 4))) return true;
  }
  return false;
}

function isLookaround(after: string): boolean {
  return after[0] === '=' || after[0] === '!' || after === '<=' || after === '<!';
}
