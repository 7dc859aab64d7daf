import { defineRule } from '../../src/engine/rule.js';
import { HEADER, placeOrderFlow, withContracts } from '../examples.js';
import { flowLabel } from '../support/policies.js';

const flow = (requirements: string) => `flows:
${placeOrderFlow(requirements)}requirements:
  - id: order-capture
    description: The shopper learns at checkout whether the order stands.
`;

export default defineRule({
  meta: {
    id: 'requirements/flow-without-requirement',
    category: 'requirements',
    severity: 'info',
    description: 'Every flow names the business requirement it serves (`requirements`).',
    rationale:
      'A flow no requirement explains cannot be judged: is its pattern fast enough, its consistency strong enough, is it still needed? Linking it to the business need gives the review a yardstick and tells the owners who to ask before changing or retiring it.',
    sources: ['ISO/IEC/IEEE 29148: requirements traceability', 'arc42, section 1: requirements overview'],
    messages: {
      unexplained:
        'Flow {{flow}} names no business requirement, so nothing says why the data moves or how fresh it must be. Add `requirements: [<requirement id>]`, declaring the requirement under `requirements` if needed.',
    },
    examples: {
      bad: [{ description: 'A flow nobody asked for', files: withContracts(`${HEADER}${flow('')}`) }],
      good: [
        {
          description: 'The flow serves the order-capture requirement',
          files: withContracts(`${HEADER}${flow('    requirements: [order-capture]\n')}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.requirements.length > 0) return;
        context.report({
          messageId: 'unexplained',
          at: flow.loc,
          path: ['requirements'],
          data: { flow: flowLabel(flow) },
        });
      },
    };
  },
});
