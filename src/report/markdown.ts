import type { Finding } from '../core/finding.js';
import { markdownCell, markdownCode, markdownMessage } from '../core/inert-text.js';

const ICON = { error: '🔴', warning: '🟠', info: 'ℹ️' } as const;

export function renderFindingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '_No findings._\n';
  const rows = findings.map(
    (f) =>
      `| ${ICON[f.severity]} ${f.severity} | ${markdownCell(markdownCode(`${f.file}:${f.range.start.line}`))} | ${markdownCell(markdownMessage(f.message))} | \`${f.ruleId}\` |`,
  );
  return ['| Severity | Where | Finding | Rule |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

export function renderLintMarkdown(findings: readonly Finding[], blueprints: readonly string[]): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return [
    `## Blueprint lint: ${blueprints.map((b) => markdownCode(b || '.')).join(', ') || 'no blueprint found'}`,
    '',
    `**${counts.error}** errors, **${counts.warning}** warnings, **${counts.info}** info.`,
    '',
    renderFindingsTable(findings),
  ].join('\n');
}
