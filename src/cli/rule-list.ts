/** The rule catalogue for `blueprint-review rules`: load checks first, then the registry's rules. */
import { markdownCell } from '../core/inert-text.js';
import { LOAD_RULE_DESCRIPTIONS } from '../load/diagnostics.js';
import { RULE_SET } from '../../rules/index.js';

export interface RuleListEntry {
  id: string;
  category: string;
  severity: string;
  description: string;
}

export function listRules(): RuleListEntry[] {
  return [
    ...Object.entries(LOAD_RULE_DESCRIPTIONS).map(([id, description]) => ({
      id,
      category: 'schema',
      severity: 'error',
      description,
    })),
    ...RULE_SET.rules.map((r) => ({
      id: r.meta.id,
      category: r.meta.category,
      severity: r.meta.severity,
      description: r.meta.description,
    })),
  ];
}

export function renderRules(
  rules: readonly RuleListEntry[],
  format: 'text' | 'json' | 'markdown',
  options: { quiet: boolean },
): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ rules }, null, 2) + '\n';
    case 'markdown':
      return (
        [
          '| Rule | Category | Severity | Description |',
          '| --- | --- | --- | --- |',
          ...rules.map(
            (r) => `| \`${r.id}\` | ${r.category} | ${r.severity} | ${markdownCell(r.description)} |`,
          ),
        ].join('\n') + '\n'
      );
    case 'text': {
      const width = Math.max(...rules.map((r) => r.id.length));
      const lines = rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`);
      if (!options.quiet) lines.push('', `${rules.length} rules`);
      return lines.join('\n') + '\n';
    }
  }
}
