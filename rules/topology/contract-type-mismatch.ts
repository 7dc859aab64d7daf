import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

/** The contract language each pattern calls for; batch flows may use either (file drops, bulk APIs). */
const EXPECTED: Record<string, 'openapi' | 'asyncapi' | undefined> = {
  'request-response': 'openapi',
  event: 'asyncapi',
  stream: 'asyncapi',
};

const LABEL = { openapi: 'OpenAPI', asyncapi: 'AsyncAPI' } as const;

export default defineRule({
  meta: {
    id: 'topology/contract-type-mismatch',
    category: 'topology',
    severity: 'error',
    description:
      'Request-response flows use an OpenAPI contract; event and stream flows use an AsyncAPI contract.',
    rationale:
      'The contract language encodes the interaction: OpenAPI describes calls and responses (status codes, errors, timeouts), AsyncAPI describes channels, messages and who sends or receives. A mismatch means the contract cannot express what the flow relies on, so neither the review nor the breaking-change check can protect it.',
    sources: ['OpenAPI Specification 3.1', 'AsyncAPI Specification 3.0'],
    messages: {
      mismatch:
        '{{pattern}} flow "{{flow}}" uses contract "{{contract}}", which is {{actual}}; a {{pattern}} flow needs an {{expected}} contract. Point the flow at the right contract or change its pattern.',
    },
    examples: {
      bad: [
        {
          description: 'A request-response flow described by an AsyncAPI document',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: order-events } }
`),
        },
      ],
      good: [
        {
          description: 'Request-response with OpenAPI, event with AsyncAPI',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
  - { id: order-created, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const expected = flow.pattern === undefined ? undefined : EXPECTED[flow.pattern];
        if (!expected) return;
        const actual = context.model.index.contractTarget(flow)?.kind;
        if (!actual || actual === expected) return;
        context.report({
          messageId: 'mismatch',
          at: flow.loc,
          path: ['contract', 'ref'],
          data: {
            pattern: flow.pattern!,
            flow: flow.id,
            contract: flow.contract!.ref,
            actual: LABEL[actual],
            expected: LABEL[expected],
          },
        });
      },
    };
  },
});
