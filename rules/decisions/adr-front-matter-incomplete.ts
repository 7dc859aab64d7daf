import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';
import { listText } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'decisions/adr-front-matter-incomplete',
    category: 'decisions',
    severity: 'info',
    description: 'Every ADR front matter has `status`, `date` and `decision-makers`.',
    rationale:
      'The status says whether the decision is in force; the date places it among the others (and tells when to revisit it); the decision-makers say who to ask and who must approve a change. Without them a decision log cannot be filtered, audited or maintained.',
    sources: ['MADR 4.0 template: YAML front matter (status, date, decision-makers, consulted, informed)'],
    messages: {
      missing:
        'ADR "{{adr}}" front matter has no {{fields}}. Add {{them}} (e.g. `status: accepted`, `date: 2025-01-31`, `decision-makers: [org/team]`).',
    },
    examples: {
      bad: [
        {
          description: 'No front matter at all',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]: GOOD_ADR.slice(GOOD_ADR.indexOf('# Use Kafka')),
          }),
        },
      ],
      good: [
        {
          description: 'Status, date and decision-makers',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, { [ADR_FILE]: GOOD_ADR }),
        },
      ],
    },
  },
  create(context) {
    return {
      adr(adr) {
        const missing = [
          adr.status === undefined && '`status`',
          adr.date === undefined && '`date`',
          adr.decisionMakers.length === 0 && '`decision-makers`',
        ].filter((f): f is string => typeof f === 'string');
        if (missing.length === 0) return;
        context.report({
          messageId: 'missing',
          at: { file: adr.file, pointer: '/front-matter' },
          data: { adr: adr.id, fields: listText(missing), them: missing.length === 1 ? 'it' : 'them' },
        });
      },
    };
  },
});
