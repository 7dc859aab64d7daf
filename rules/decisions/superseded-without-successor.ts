import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';

const OLD_ADR = 'adr/0000-webhooks-for-order-events.md';
const old = (frontMatter: string) =>
  GOOD_ADR.replace('status: accepted\n', frontMatter).replace(
    '# Use Kafka for order events',
    '# Webhooks for order events',
  );

export default defineRule({
  meta: {
    id: 'decisions/superseded-without-successor',
    category: 'decisions',
    severity: 'warning',
    description: 'A superseded ADR names the ADR that replaced it, and that ADR exists.',
    rationale:
      'Decision records are the institutional memory: a reader who finds a superseded decision must be able to follow the chain to the one in force. A dangling "superseded" leaves them with a withdrawn decision and no replacement, which is how withdrawn patterns get copied into new designs.',
    sources: [
      'MADR (Markdown Any Decision Records): "superseded by ADR-NNNN" status',
      'Michael Nygard: Documenting Architecture Decisions (2011)',
    ],
    messages: {
      noSuccessor:
        'ADR "{{adr}}" is superseded but does not say by which decision. Add `superseded-by: <ADR id>` to its front matter (or `status: superseded by <ADR id>`).',
      unknownSuccessor:
        'ADR "{{adr}}" is superseded by "{{successor}}", which is not an ADR in this blueprint. Fix the id, or add the successor ADR under adr/.',
    },
    examples: {
      bad: [
        {
          description: 'Superseded, but by what?',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]: GOOD_ADR,
            [OLD_ADR]: old('status: superseded\n'),
          }),
        },
      ],
      good: [
        {
          description: 'The old decision points at its successor',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]: GOOD_ADR,
            [OLD_ADR]: old('status: superseded\nsuperseded-by: 0001-use-kafka-for-order-events\n'),
          }),
        },
      ],
    },
  },
  create(context) {
    return {
      adr(adr) {
        if (adr.status !== 'superseded') return;
        const at = { file: adr.file, pointer: '/front-matter/status' };
        if (!adr.supersededBy) {
          context.report({ messageId: 'noSuccessor', at, data: { adr: adr.id } });
        } else if (!context.model.index.adr(adr.file, adr.supersededBy)) {
          context.report({
            messageId: 'unknownSuccessor',
            at,
            data: { adr: adr.id, successor: adr.supersededBy },
          });
        }
      },
    };
  },
});
