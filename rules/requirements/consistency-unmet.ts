import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { flowLabel } from '../support/policies.js';

const blueprint = (flow: string) => `${HEADER}flows:
${flow}requirements:
  - id: order-capture
    description: The shopper sees the order in their account right after placing it.
    consistency: read-your-writes
`;

const ASYNC = new Set(['event', 'stream', 'batch']);

export default defineRule({
  meta: {
    id: 'requirements/consistency-unmet',
    category: 'requirements',
    severity: 'error',
    description:
      'A requirement for strong or read-your-writes consistency is not served by an asynchronous flow (event, stream or batch).',
    rationale:
      'Asynchronous flows are eventually consistent by construction: between the write and the consumer applying it there is a window (milliseconds on a good day, hours during an incident) in which the two systems disagree. A requirement that the user sees their own write, or that two systems never disagree, cannot be met that way; it needs a synchronous call (or reads routed to the system of record).',
    sources: [
      'Werner Vogels: Eventually Consistent (2008), read-your-writes consistency',
      'Martin Kleppmann, Designing Data-Intensive Applications, ch. 5 and 9: consistency guarantees',
    ],
    messages: {
      eventual:
        'Flow {{flow}} serves requirement "{{requirement}}", which needs {{consistency}} consistency, but `{{pattern}}` flows are only eventually consistent. Serve it with a request-response call (or read from the system of record), or relax the requirement to `eventual`.',
    },
    examples: {
      bad: [
        {
          description: 'Read-your-writes expected from an event',
          files: withContracts(
            blueprint(`  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    requirements: [order-capture]
`),
          ),
        },
      ],
      good: [
        {
          description: 'The order is placed synchronously; the shopper reads their own write',
          files: withContracts(
            blueprint(`  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: createOrder }
    requirements: [order-capture]
`),
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (!flow.pattern || !ASYNC.has(flow.pattern)) return;
        for (const id of flow.requirements) {
          const consistency = context.model.index.requirements.get(id)?.consistency;
          if (consistency !== 'strong' && consistency !== 'read-your-writes') continue;
          context.report({
            messageId: 'eventual',
            at: flow.loc,
            path: ['pattern'],
            data: { flow: flowLabel(flow), requirement: id, consistency, pattern: flow.pattern },
          });
        }
      },
    };
  },
});
