/** The words every renderer uses for one finding: what is wrong, why it matters, how to fix it. */
import type { Finding, Severity } from '../../core/finding.js';
import { markdownCodeWithin, markdownMessage } from '../../core/inert-text.js';
import type { RuleDocs } from '../rule-docs.js';
import { ruleReferenceMarkdown } from '../rule-docs.js';

export const SEVERITY_ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: 'ℹ️' };
export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export function plural(count: number, word: string, many = word + 's'): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** A comment lists this many of a contract change's operations; each name shown up to a length. */
const MAX_LISTED_OPERATIONS = 100;
const MAX_OPERATION_CHARS = 300;

/** A finding's message (or fix) as Markdown, cut to a length GitHub takes (`MAX_MESSAGE_CHARS`). */
export function messageMarkdown(message: string): string {
  return markdownMessage(message);
}

export function location(f: Finding): string {
  return `${f.file}:${f.range.start.line}`;
}

/**
 * Markdown for a review comment or a summary entry: message, why, fix, rule link. The message and
 * the fix carry repository text; the rationale and the link are the rule's own words. A contract
 * change lists every operation it affects (the message names the first few).
 */
export function findingMarkdown(f: Finding & { operations?: readonly string[] }, docs: RuleDocs): string {
  const lines = [
    `**${SEVERITY_ICON[f.severity]} ${SEVERITY_LABEL[f.severity]}:** ${messageMarkdown(f.message)}`,
  ];
  if (f.operations && f.operations.length > 1) {
    const listed = f.operations.slice(0, MAX_LISTED_OPERATIONS);
    const more = f.operations.length - listed.length;
    lines.push(
      '',
      `<details><summary>Affects ${f.operations.length} operations</summary>`,
      '',
      ...listed.map((op) => `- ${markdownCodeWithin(op, MAX_OPERATION_CHARS)}`),
      ...(more > 0 ? [`- … and ${more} more (\`blueprint-review diff\` lists them all)`] : []),
      '',
      '</details>',
    );
  }
  const why = docs.rationale(f.ruleId);
  if (why) lines.push('', `**Why:** ${why}`);
  if (f.fix) lines.push('', `**Fix:** ${messageMarkdown(f.fix.description)}`);
  lines.push('', ruleReferenceMarkdown(f.ruleId, docs));
  return lines.join('\n');
}
