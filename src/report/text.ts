import type { Finding } from '../core/finding.js';
import { plainText } from '../core/inert-text.js';

export interface TextStyle {
  color: boolean;
}

const COLORS = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/**
 * `file:line:col  severity  message  ruleId`, one finding a line, grouped by file. Plain (no colour)
 * when not on a TTY, so it pipes into grep and editors' problem matchers.
 */
export function renderText(findings: readonly Finding[], style: TextStyle = { color: false }): string {
  const paint = (code: keyof typeof COLORS, text: string) =>
    style.color ? COLORS[code] + text + COLORS.reset : text;
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const f of findings) {
    if (style.color && f.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(paint('bold', plainText(f.file)));
      currentFile = f.file;
    }
    const where = `${plainText(f.file)}:${f.range.start.line}:${f.range.start.column}`;
    lines.push(
      `${where}  ${paint(f.severity, f.severity)}  ${plainText(f.message)}  ${paint('dim', f.ruleId)}`,
    );
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  if (findings.length === 0) lines.push('No findings.');
  else {
    lines.push('');
    lines.push(
      `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts.error} error, ${counts.warning} warning, ${counts.info} info`,
    );
  }
  return lines.join('\n') + '\n';
}
