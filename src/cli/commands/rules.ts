import { parseArgs } from 'node:util';
import { RULE_SET } from '../../../rules/index.js';
import { LOAD_RULE_DESCRIPTIONS } from '../../load/diagnostics.js';
import { EXIT } from '../io.js';
import type { Command } from './command.js';
import { oneOf } from './lint.js';

export const rulesCommand: Command = {
  summary: 'list every rule with its id, category, default severity and description',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', default: 'text' } },
    });
    const format = oneOf(values.format, ['text', 'json'] as const, '--format');
    const rules = [
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
    if (format === 'json') io.stdout(JSON.stringify({ rules }, null, 2) + '\n');
    else {
      const width = Math.max(...rules.map((r) => r.id.length));
      io.stdout(
        rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`).join('\n') +
          `\n\n${rules.length} rules\n`,
      );
    }
    return EXIT.ok;
  },
};
