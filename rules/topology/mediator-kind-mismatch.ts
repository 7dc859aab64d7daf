import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

/** Component kinds that can carry each pattern. */
const SUITABLE: Record<string, readonly string[]> = {
  'request-response': ['api-gateway', 'service-mesh', 'ipaas'],
  event: ['broker-topic', 'broker-queue', 'event-bus', 'stream-processor', 'ipaas'],
  stream: ['broker-topic', 'stream-processor', 'event-bus'],
  batch: ['etl-job', 'file-transfer', 'ipaas', 'broker-queue'],
};

export default defineRule({
  meta: {
    id: 'topology/mediator-kind-mismatch',
    category: 'topology',
    severity: 'warning',
    description:
      "A flow's mediating component is of a kind that can carry its pattern (events via a topic, not an API gateway).",
    rationale:
      'A request-response call routed through a topic loses its response path and its timeout semantics; an event pushed through an API gateway loses durability and replay. Either the pattern or the mediator is wrong, and the error-handling design built on it will be too.',
    sources: ['Hohpe & Woolf, Enterprise Integration Patterns: Messaging Channels'],
    messages: {
      mismatch:
        '{{pattern}} flow "{{flow}}" goes via "{{via}}", a {{kind}}; {{pattern}} flows are carried by {{suitable}}. Change the mediator or the pattern, and record why in an ADR.',
    },
    examples: {
      bad: [
        {
          description: 'An event flow through the API gateway',
          files: withContracts(`${HEADER}flows:
  - { id: order-created, from: orders, to: webshop, pattern: event, via: gateway, contract: { ref: order-events } }
`),
        },
      ],
      good: [
        {
          description: 'The event flow goes through a broker topic',
          files: withContracts(`${HEADER}flows:
  - { id: order-created, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const component = flow.resolved.via;
        const suitable = flow.pattern === undefined ? undefined : SUITABLE[flow.pattern];
        if (!component || !suitable || suitable.includes(component.kind)) return;
        context.report({
          messageId: 'mismatch',
          at: flow.loc,
          path: ['via'],
          data: {
            pattern: flow.pattern!,
            flow: flow.id,
            via: component.id,
            kind: component.kind,
            suitable: suitable.join(', '),
          },
        });
      },
    };
  },
});
