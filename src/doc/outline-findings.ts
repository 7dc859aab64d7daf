/**
 * The document's open findings. A blueprint with thousands of them (a large topology drafted before
 * its contracts and policies) would otherwise be a table of tens of thousands of rows — most of a
 * 35 MB page, and no help to someone signing off. Past a limit the section counts them by rule and
 * lists the first ones, errors first, and says where the complete list is.
 */
import type { Finding, Severity } from '../core/finding.js';
import type { Cell, Inline, Section, Tone } from './outline.js';

/** Rows of findings listed one by one; past this, the section summarises by rule. */
export const MAX_FINDING_ROWS = 500;

const SEVERITY_TONE: Record<Severity, Tone> = { error: 'bad', warning: 'warn', info: 'info' };
const SEVERITY_ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: 'ℹ️' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const badge = (severity: Severity): Inline => ({
  badge: severity,
  tone: SEVERITY_TONE[severity],
  icon: SEVERITY_ICON[severity],
});

export function findingsSection(findings: readonly Finding[], limit = MAX_FINDING_ROWS): Section {
  const intro: Inline[] = [
    'What ',
    { code: 'blueprint-review lint' },
    ' reports for this blueprint under the configured rules.',
  ];
  const headers = ['Severity', 'Where', 'Finding', 'Rule'];
  if (findings.length <= limit) {
    return {
      id: 'findings',
      title: 'Open findings',
      blocks: [
        { kind: 'paragraph', content: intro },
        { kind: 'table', headers, rows: findings.map(findingRow), empty: 'No open findings.' },
      ],
    };
  }
  // Errors first, then warnings, then info; each in the order lint reports them (file, line).
  const first = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .slice(0, limit)
    .map(({ f }) => f);
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    id: 'findings',
    title: 'Open findings',
    blocks: [
      {
        kind: 'paragraph',
        content: [
          ...intro,
          ` There are ${count(findings.length)}: counted by rule first, then the first ${count(limit)} one by one `,
          '(errors first). ',
          { code: 'blueprint-review lint' },
          ' lists them all.',
        ],
      },
      {
        kind: 'table',
        headers: ['Severity', 'Rule', 'Findings', 'For example'],
        rows: byRule(findings),
        empty: 'No open findings.',
      },
      { kind: 'table', headers, rows: first.map(findingRow), empty: 'No open findings.' },
    ],
  };
}

function findingRow(f: Finding): Cell[] {
  return [
    badge(f.severity),
    { code: `${f.file}:${f.range.start.line}` },
    { message: f.message },
    { code: f.ruleId },
  ];
}

/** One row per rule and severity, the most severe and most frequent first, with its first finding. */
function byRule(findings: readonly Finding[]): Cell[][] {
  const groups = new Map<string, { first: Finding; count: number }>();
  for (const f of findings) {
    const key = `${f.severity} ${f.ruleId}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: f, count: 1 });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.first.severity] - SEVERITY_RANK[b.first.severity] ||
        b.count - a.count ||
        (a.first.ruleId < b.first.ruleId ? -1 : 1),
    )
    .map(({ first, count }) => [
      badge(first.severity),
      { code: first.ruleId },
      count.toLocaleString('en-US'),
      [{ code: `${first.file}:${first.range.start.line}` }, ' ', { message: first.message }],
    ]);
}
