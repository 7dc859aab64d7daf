/**
 * Glob patterns the app can match in time it can bound. picomatch compiles a glob to a JavaScript
 * regular expression, which backtracks: `+(a|aa)+(a|aa)+(a|aa)b` took two minutes on a 40-character
 * path, and plain wildcards cost a power of the path's length per wildcard (`*a*a*b` on one long
 * segment: seconds). Patterns come from a config file — one a pull request may propose — and the
 * paths they are matched against from a pull request's files: a pattern is refused when it is loaded,
 * with the reason, unless it keeps to what matches in about linear time:
 *
 * - no extglobs (`+(…)`, `*(…)`, `?(…)`, `@(…)`, `!(…)`) and no regex groups or alternations
 *   (`(…)`, `|`), which picomatch passes to the regular expression as they are (`(a|aa)+` included);
 * - braces (`*.{yml,yaml}`) not nested, of plain alternatives (no wildcard, class or brace in one),
 *   at most `MAX_BRACES` groups of `MAX_ALTERNATIVES` each: repeated alternations multiply;
 * - at most `MAX_GLOBSTARS` globstars (`**`) in a pattern and one wildcard (`*`, `**`) in a path
 *   segment: a globstar may take any number of segments, so each further one multiplies the work by
 *   the number of the path's segments (three took 3.5 s on a 4,096-character path of 2,000 segments),
 *   and a second `*` in a segment by that segment's length. A `*` alone in its segment cannot leave
 *   it: any number of them cost about one pass (one `*` for each of a domain, a blueprint, a file);
 * - at most `MAX_PATTERN_LENGTH` characters.
 *
 * `?` and `[…]` match one character each and cost nothing more. A backslash escapes the next
 * character. The measured worst case of what passes is milliseconds on a 4,096-character path.
 */
import picomatch from 'picomatch';

export const MAX_GLOBSTARS = 2;
export const MAX_BRACES = 2;
export const MAX_ALTERNATIVES = 10;
export const MAX_PATTERN_LENGTH = 256;

/** What makes a pattern unsafe to match, in words for a config error; undefined when it is safe. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `it is longer than ${MAX_PATTERN_LENGTH} characters`;
  const scan = scanGlob(pattern);
  if (typeof scan === 'string') return scan;
  if (scan.braces > MAX_BRACES) return `it has more than ${MAX_BRACES} brace groups \`{…}\``;
  if (scan.globstars > MAX_GLOBSTARS)
    return `it has more than ${MAX_GLOBSTARS} globstars (\`**\`); list several patterns instead`;
  if (scan.crowdedSegment)
    return 'a path segment holds more than one `*`; use one per segment (or several patterns)';
  return undefined;
}

interface GlobScan {
  /** `**` (two stars or more: picomatch reads `a**` as `*`, counted as the dearer kind all the same). */
  globstars: number;
  braces: number;
  /** A segment with two wildcards or more. */
  crowdedSegment: boolean;
}

/** Counts what costs in `pattern`, or says why it is refused outright. */
function scanGlob(pattern: string): GlobScan | string {
  const scan: GlobScan = { globstars: 0, braces: 0, crowdedSegment: false };
  let inSegment = 0;
  let brace: { alternatives: number } | undefined;
  for (let i = pattern.startsWith('!') ? 1 : 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '|')
      return 'extglobs and groups (`(…)`, `|`) are not supported: they can take minutes to match';
    if (brace) {
      if (c === '{') return 'braces `{…}` are nested';
      if (c === '*' || c === '?' || c === '[')
        return 'a brace alternative holds a wildcard or a class: write each as its own pattern';
      if (c === ',' && ++brace.alternatives > MAX_ALTERNATIVES)
        return `a brace group \`{…}\` has more than ${MAX_ALTERNATIVES} alternatives`;
      if (c === '}') brace = undefined;
      continue;
    }
    if (c === '{') {
      brace = { alternatives: 1 };
      scan.braces++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '/') {
      inSegment = 0;
    } else if (c === '*') {
      if (pattern[i + 1] === '*') scan.globstars++;
      while (pattern[i + 1] === '*') i++;
      if (++inSegment > 1) scan.crowdedSegment = true;
    }
  }
  return scan;
}

/** The index of the `]` closing the class opened at `open` (the pattern's end when none does). */
function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > open + 1) return i;
  }
  return pattern.length;
}

/** A glob a pattern list holds that `globProblem` refuses (typed: the config's load names it). */
export class UnsafeGlob extends Error {
  override readonly name = 'UnsafeGlob';
  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(`the glob pattern ${JSON.stringify(pattern)} is refused: ${problem}`);
  }
}

/**
 * picomatch's matcher for `patterns`, each checked first: an unsafe one throws `UnsafeGlob` (the
 * config's load refuses it with its line; this is the last line for patterns from elsewhere).
 */
export function globMatcher(
  patterns: string | readonly string[],
  options: picomatch.PicomatchOptions,
): (path: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  for (const pattern of list) {
    const problem = globProblem(pattern);
    if (problem) throw new UnsafeGlob(pattern, problem);
  }
  return picomatch(list, options);
}
