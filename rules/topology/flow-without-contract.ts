import { defineRule, idText } from '../../src/engine/rule.js';
import { HEADER, placeOrderFlow, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/flow-without-contract',
    category: 'topology',
    severity: 'error',
    description: 'Every flow names the contract (OpenAPI or AsyncAPI) that governs its exchange.',
    rationale:
      'An integration point without a contract has no agreed schema, error format or versioning: producers change payloads at will and consumers find out in production. The contract is also what the breaking-change check and consumer sign-off work on.',
    sources: ['Zalando RESTful API Guidelines: API First', 'AsyncAPI Initiative'],
    messages: {
      missing:
        'Flow "{{flow}}" ({{from}} → {{to}}) names no contract. Add `contract: { ref: <contract id>, operation: <operationId> }` pointing at its OpenAPI or AsyncAPI document.',
    },
    examples: {
      bad: [
        {
          description: 'A request-response flow with no contract',
          files: withContracts(`${HEADER}flows:
  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
`),
        },
      ],
      good: [
        {
          description: 'The flow names its contract and operation',
          files: withContracts(`${HEADER}flows:
${placeOrderFlow()}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.contract) return;
        context.report({
          messageId: 'missing',
          at: flow.loc,
          data: { flow: flow.id, from: idText(flow.from), to: idText(flow.to) },
        });
      },
    };
  },
});
