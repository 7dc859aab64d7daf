import { defineRule, idText } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/flow-pattern-missing',
    category: 'topology',
    severity: 'error',
    description: 'Every flow states its communication pattern: request-response, event, batch or stream.',
    rationale:
      'The pattern decides everything downstream: consistency, latency, error handling (timeouts vs dead-letter queues), the contract type, and which platform component mediates. A flow without one cannot be reviewed.',
    sources: ['Hohpe & Woolf, Enterprise Integration Patterns', 'EventCatalog'],
    messages: {
      missing:
        'Flow "{{flow}}" ({{from}} → {{to}}) has no `pattern`. Add `pattern: request-response | event | batch | stream` and link the ADR that explains the choice.',
    },
    examples: {
      bad: [
        {
          description: 'No pattern',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
      good: [
        {
          description: 'The pattern is stated',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.pattern === undefined) {
          context.report({
            messageId: 'missing',
            at: flow.loc,
            data: { flow: flow.id, from: idText(flow.from), to: idText(flow.to) },
          });
        }
      },
    };
  },
});
