import type { Finding } from '../core/finding.js';

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pointer: string;
  fix?: Finding['fix'];
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.range.start.line,
    column: f.range.start.column,
    endLine: f.range.end.line,
    endColumn: f.range.end.column,
    pointer: f.pointer,
    ...(f.fix ? { fix: f.fix } : {}),
  };
}

/** The version of the JSON report formats (schemas/*-report.schema.json): bumped on a breaking change. */
export const REPORT_FORMAT_VERSION = 1;

/** What every JSON report starts with: its format version and the tool that wrote it. */
export function reportHeader(toolVersion: string): {
  formatVersion: number;
  tool: { name: string; version: string };
} {
  return { formatVersion: REPORT_FORMAT_VERSION, tool: { name: 'blueprint-review', version: toolVersion } };
}

/** `lint --format json`, as schemas/lint-report.schema.json describes it. */
export function renderLintJson(
  findings: readonly Finding[],
  blueprints: readonly string[],
  options: { toolVersion: string },
): string {
  const summary = { blueprints: [...blueprints], total: findings.length, error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return (
    JSON.stringify(
      { ...reportHeader(options.toolVersion), findings: findings.map(toJsonFinding), summary },
      null,
      2,
    ) + '\n'
  );
}
