/** Severities in decreasing order of weight. `off` exists only in configuration. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** 1-based line and column, as editors and GitHub count them. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

/** A suggested repair, in words; `replacement` when the fix is a literal edit of the reported range. */
export interface Fix {
  description: string;
  replacement?: string;
}

/**
 * What every part of the engine produces. Rules report a `pointer`; the engine resolves it against the
 * file's source map into `range`, so no rule ever counts lines.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  pointer: string;
  range: SourceRange;
  fix?: Fix;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as serious as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

export const START_OF_FILE: SourceRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** Stable order: file, then line, then column, then rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
