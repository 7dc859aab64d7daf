import { defineRule } from '../../src/engine/rule.js';
import { HEADER, placeOrderFlow, withContracts } from '../examples.js';

const flow = (requirements: string) => `flows:
${placeOrderFlow(`    requirements: [${requirements}]\n`)}requirements:
  - id: order-capture
    description: The shopper learns at checkout whether the order stands.
  - id: order-history
    description: The shopper sees past orders in their account.
`;

export default defineRule({
  meta: {
    id: 'requirements/requirement-without-flow',
    category: 'requirements',
    severity: 'warning',
    description:
      'Every business requirement is served by at least one flow (a flow lists it under `requirements`).',
    rationale:
      'A requirement no flow serves is a gap in the design: the business expects the data to move and nothing moves it. Tracing each requirement to its flows is how a review shows the blueprint is complete — and how a later change shows which business need it affects.',
    sources: [
      'ISO/IEC/IEEE 29148: requirements traceability',
      'arc42, section 1: requirements overview and quality goals',
    ],
    messages: {
      untraced:
        'Requirement "{{requirement}}" is served by no flow: nothing in the blueprint moves the data it asks for. Add the flow that serves it (with `requirements: [{{requirement}}]`), or remove the requirement if it is out of scope.',
    },
    examples: {
      bad: [
        {
          description: 'Order history is required, but no flow serves it',
          files: withContracts(`${HEADER}${flow('order-capture')}`),
        },
      ],
      good: [
        {
          description: 'The flow serves both requirements',
          files: withContracts(`${HEADER}${flow('order-capture, order-history')}`),
        },
      ],
    },
  },
  create(context) {
    return {
      requirement(requirement) {
        if (context.model.index.flowsByRequirement.has(requirement.id)) return;
        context.report({ messageId: 'untraced', at: requirement.loc, data: { requirement: requirement.id } });
      },
    };
  },
});
