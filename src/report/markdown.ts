/**
 * `lint --format markdown`: the counts, then the findings table, within `MARKDOWN_REPORT_LIMIT` — a
 * workflow posts it as a comment or appends it to the job summary, where GitHub refuses or drops a
 * report past its length, so the rows that fit are listed, errors first, and the others counted.
 */
import type { Finding } from '../core/finding.js';
import { markdownCellCode, markdownCellMessage } from '../core/inert-cell.js';
import { markdownCode } from '../core/inert-text.js';
import { keptWithin, MARKDOWN_REPORT_LIMIT, rowsThatFit, severityCounts } from './bounded-table.js';

const ICON = { error: '🔴', warning: '🟠', info: 'ℹ️' } as const;

/** Blueprints the title names at most; the others are counted (a repository can hold thousands). */
const MAX_TITLE_BLUEPRINTS = 20;

function findingRow(f: Finding): string {
  return `| ${ICON[f.severity]} ${f.severity} | ${markdownCellCode(`${f.file}:${f.range.start.line}`)} | ${markdownCellMessage(f.message)} | \`${f.ruleId}\` |`;
}

export function renderLintMarkdown(
  findings: readonly Finding[],
  blueprints: readonly string[],
  maxChars = MARKDOWN_REPORT_LIMIT,
): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const head = [
    `## Blueprint lint: ${titleBlueprints(blueprints)}`,
    '',
    `**${counts.error}** errors, **${counts.warning}** warnings, **${counts.info}** info.`,
    '',
  ].join('\n');
  if (findings.length === 0) return `${head}\n_No findings._\n`;
  // Rendered once: a repository can bring hundreds of thousands of findings.
  const rows = findings.map(findingRow);
  const table = (shown: readonly string[]) =>
    ['| Severity | Where | Finding | Rule |', '| --- | --- | --- | --- |', ...shown].join('\n') + '\n';
  const whole = `${head}\n${table(rows)}`;
  if (whole.length <= maxChars) return whole;
  const fits = rowsThatFit(
    findings.map((f) => f.severity),
    rows,
    maxChars - `${head}\n${table([])}`.length - leftOutNote(findings, maxChars).length,
  );
  const left = findings.filter((_, i) => !fits.has(i));
  return `${head}\n${table(rows.filter((_, i) => fits.has(i)))}${leftOutNote(left, maxChars)}`;
}

/** What the table does not list, counted; `left` as long as it can be, to reserve its room. */
function leftOutNote(left: readonly Finding[], maxChars: number): string {
  return `\n_A Markdown report is ${keptWithin(maxChars)}: ${severityCounts(left)} ${left.length === 1 ? 'is' : 'are'} not listed here. \`blueprint-review lint\` lists every finding._\n`;
}

function titleBlueprints(blueprints: readonly string[]): string {
  if (blueprints.length === 0) return 'no blueprint found';
  const named = blueprints.slice(0, MAX_TITLE_BLUEPRINTS).map((b) => markdownCode(b || '.'));
  const more = blueprints.length - named.length;
  return named.join(', ') + (more > 0 ? ` and ${more} more` : '');
}
