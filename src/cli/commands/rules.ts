import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { EXIT } from '../io.js';
import { formatOption } from './shared-options.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list every rule with its id, category, default severity and description',
  synopsis: '',
  description:
    'Lists every rule: the load checks (schema/…) and the review rules, with their default severity.',
  report: 'stdout',
  options: [formatOption(FORMATS)],
  async run({ io, values, quiet }) {
    const { listRules, renderRules } = await import('../rule-list.js');
    io.stdout(
      renderRules(listRules(), stringOption(values, 'format') as (typeof FORMATS)[number], { quiet }),
    );
    return EXIT.ok;
  },
};
