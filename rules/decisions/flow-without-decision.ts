import { code } from '../../src/core/inert-text.js';
import { defineRule, quoted } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';
import { flowLabel } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'decisions/flow-without-decision',
    category: 'decisions',
    severity: 'warning',
    description:
      'Every flow links the architecture decision record that justifies its pattern and mediator (`decision`).',
    rationale:
      'Choosing request-response over events, or a batch over a stream, fixes the consistency, latency and coupling of an integration for years. Without a linked ADR, the next team cannot tell a deliberate trade-off from an accident, and reviewers cannot check the choice against the alternatives that were weighed.',
    sources: [
      'MADR (Markdown Any Decision Records)',
      'Michael Nygard: Documenting Architecture Decisions (2011)',
      'AWS Prescriptive Guidance: Using architectural decision records',
    ],
    messages: {
      missing:
        'Flow {{flow}} uses {{choice}} but links no decision record explaining why. Add `decision: adr/NNNN-<title>.md` pointing at the ADR that weighed the alternatives.',
    },
    examples: {
      bad: [
        {
          description: 'An event flow over a Kafka topic with no ADR',
          files: withContracts(`${HEADER}${DECIDED_FLOW.replace(`    decision: ${ADR_FILE}\n`, '')}`),
        },
      ],
      good: [
        {
          description: 'The flow links the accepted ADR',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, { [ADR_FILE]: GOOD_ADR }),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.decision !== undefined || (flow.pattern === undefined && flow.via === undefined)) return;
        const choice = [
          flow.pattern && `pattern ${code(flow.pattern)}`,
          flow.via && `mediator ${quoted(flow.via)}`,
        ]
          .filter(Boolean)
          .join(' via ');
        context.report({
          messageId: 'missing',
          at: flow.loc,
          path: ['decision'],
          data: { flow: flowLabel(flow), choice },
        });
      },
    };
  },
});
