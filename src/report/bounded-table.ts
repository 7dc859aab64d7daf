/**
 * Findings tables within the length of where they are shown. GitHub refuses or drops Markdown past a
 * length — a comment or a check summary past 65,535 characters, a job summary past 1 MiB — and cut
 * at the end instead, a table of many findings with long messages loses its errors to the warnings
 * listed before them. So a table lists the rows that fit, errors first, and counts the others.
 */
import type { Finding, Severity } from '../core/finding.js';
import { plural } from '../review/render/finding-text.js';

/**
 * GitHub's limit on a step's job summary is 1 MiB, past which it shows none of it: in UTF-16 code
 * units (what `length` counts), each at most 3 bytes of UTF-8.
 */
export const STEP_SUMMARY_LIMIT = Math.floor((1024 * 1024) / 3);

/**
 * Longest Markdown report the CLI prints (`--format markdown`) unless told another: what a job summary
 * holds, where a workflow appends it (`>> $GITHUB_STEP_SUMMARY`), and GitHub drops all of a summary
 * past its limit.
 */
export const MARKDOWN_REPORT_LIMIT = STEP_SUMMARY_LIMIT;

/** Why a report lists less than all ("a Markdown report is …"): its bound, and where the bound comes from. */
export function keptWithin(maxChars: number): string {
  return `kept within ${maxChars.toLocaleString('en')} characters${maxChars === STEP_SUMMARY_LIMIT ? ' (what a job summary holds)' : ''}`;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The rows (their indices) that fit in `room` characters (a newline after each), chosen errors
 * first, then warnings, then info, each in the table's order; a row too long for what is left gives
 * way to shorter ones. `severities[i]` is row i's.
 */
export function rowsThatFit(
  severities: readonly Severity[],
  rows: readonly string[],
  room: number,
): Set<number> {
  const byRank = rows
    .map((_, i) => i)
    .sort((a, b) => SEVERITY_RANK[severities[a]!] - SEVERITY_RANK[severities[b]!] || a - b);
  const shown = new Set<number>();
  let used = 0;
  for (const i of byRank) {
    const length = rows[i]!.length + 1;
    if (used + length > room) continue;
    shown.add(i);
    used += length;
  }
  return shown;
}

/** Counts by severity, phrased: "2 errors, 1 warning". */
export function severityCounts(findings: readonly Pick<Finding, 'severity'>[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(plural(counts.info, 'info', 'info'));
  return parts.join(', ');
}
