/** The lint report in each output format (loaded only when a lint has run). */
import type { Finding } from '../core/finding.js';
import { renderLintJson } from '../report/json.js';
import { renderLintMarkdown } from '../report/markdown.js';
import { renderSarif, sarifRuleCatalog } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { RULE_SET } from '../../rules/index.js';
import { VERSION } from '../version.js';

export interface LintReportOptions {
  color: boolean;
  quiet: boolean;
  columns?: number | undefined;
  docsUrl?: string;
  /** `--max-chars`: the longest Markdown report (default: `MARKDOWN_REPORT_LIMIT`). */
  maxChars?: number;
}

export function renderLintReport(
  format: 'text' | 'json' | 'markdown' | 'sarif',
  findings: readonly Finding[],
  roots: readonly string[],
  options: LintReportOptions,
): string {
  switch (format) {
    case 'json':
      return renderLintJson(findings, roots, { toolVersion: VERSION });
    case 'markdown':
      return renderLintMarkdown(findings, roots, options.maxChars);
    case 'sarif':
      return renderSarif(findings, {
        rules: sarifRuleCatalog(RULE_SET.rules),
        toolVersion: VERSION,
        ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}),
      });
    case 'text':
      return renderText(findings, { color: options.color, quiet: options.quiet, columns: options.columns });
  }
}
