import type { SourceRange } from './finding.js';
import { parseYamlFast } from './fast-yaml.js';
import { parseLargeJson } from './located-json.js';
import { parseYamlLocated, parseYamlStream } from './located-yaml.js';
import { undecodableText } from './text-checks.js';

/**
 * A parsed YAML or JSON file that remembers where every value came from. Rules and checks speak in
 * JSON pointers; `rangeOf` turns a pointer into lines and columns. When the pointer names something
 * absent (a missing `deadLetter`), the range of the deepest existing ancestor is returned, which is
 * where the fix belongs.
 */
export interface LocatedDocument {
  readonly file: string;
  readonly value: unknown;
  rangeOf(pointer: string): SourceRange;
  /**
   * `rangeOf(pointer).start.line`, where finding it costs less than the whole range (large JSON:
   * the end of a value is found by reading past all of it). Reports that show only lines use it.
   */
  readonly lineOf?: (pointer: string) => number;
  /**
   * Every object and array of `value` sits at exactly one place (set for `JSON.parse` results; a
   * YAML alias makes several places share one object). Lets the diff find a place by its object.
   */
  readonly treeShaped?: true;
}

export interface ParseProblem {
  code:
    'syntax' | 'duplicate-key' | 'alias-limit' | 'multiple-documents' | 'too-deep' | 'binary' | 'encoding';
  message: string;
  range: SourceRange;
}

export type ParseResult =
  { kind: 'ok'; document: LocatedDocument } | { kind: 'error'; problems: ParseProblem[] };

export interface ParseLimits {
  /** Alias expansions allowed per document: the billion-laughs guard. */
  maxAliasCount: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 100 };

export { FAST_JSON_MIN_CHARS } from './located-json.js';

export function parseLocated(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseResult {
  // JSON from 1 KB takes JSON.parse (no aliases, so no alias limit to enforce); YAML, and JSON that
  // JSON.parse rejects or that is nested too deeply, goes to parseLocatedYaml: js-yaml's fast path
  // where it reads as yaml would, else yaml, which explains the problem with its position.
  const large = parseLargeJson(file, text);
  return large ? { kind: 'ok', document: large.document } : parseLocatedYaml(file, text, limits);
}

/**
 * Parses YAML (JSON is YAML). Text that is not YAML or JSON at all (NUL bytes, UTF-16) is named as
 * such first; a text js-yaml reads as yaml would takes the fast path (fast-yaml.ts); anything else
 * goes through the yaml library, which reports problems with their positions.
 */
export function parseLocatedYaml(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseResult {
  const undecodable = undecodableProblem(text);
  if (undecodable) return undecodable;
  const fast = parseYamlFast(file, text);
  return fast ? { kind: 'ok', document: fast } : parseYamlLocated(file, text, limits);
}

export type ParseAllResult =
  { kind: 'ok'; documents: LocatedDocument[] } | { kind: 'error'; problems: ParseProblem[] };

/**
 * A YAML stream of several `---`-separated documents (Kubernetes and Backstage catalog files), each
 * with its own source map over the same file's lines. One document that does not parse fails the
 * whole file, as it would for the tools that read it.
 */
export function parseLocatedAll(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): ParseAllResult {
  return undecodableProblem(text) ?? parseYamlStream(file, text, limits, { single: false });
}

/** Text that is not YAML or JSON at all (NUL bytes, UTF-16), as the one problem of the file. */
function undecodableProblem(text: string): { kind: 'error'; problems: ParseProblem[] } | undefined {
  const undecodable = undecodableText(text);
  if (!undecodable) return undefined;
  const { code, message, offset } = undecodable;
  return { kind: 'error', problems: [{ code, message, range: rangeAt(text, offset) }] };
}

/** Line and column (1-based, UTF-16 columns) of `offset`, counted once for one problem. */
function rangeAt(text: string, offset: number): SourceRange {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const position = { line, column: offset - lineStart + 1 };
  return { start: position, end: { ...position, column: position.column + 1 } };
}
