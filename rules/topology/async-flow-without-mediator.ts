import { defineRule, idText } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

const MEDIATED = new Set(['event', 'batch', 'stream']);

export default defineRule({
  meta: {
    id: 'topology/async-flow-without-mediator',
    category: 'topology',
    severity: 'error',
    description: 'Event, batch and stream flows name the platform component that carries them (`via`).',
    rationale:
      'Asynchronous exchanges are only as reliable as the broker topic, queue, ETL job or stream processor in between: its retention, partitioning and dead-letter handling are part of the design. A flow without `via` hides that component from review and from its owners.',
    sources: [
      'Hohpe & Woolf, Enterprise Integration Patterns: Message Channel',
      'Kafka documentation: topics and partitions',
    ],
    messages: {
      missing:
        '{{pattern}} flow "{{flow}}" ({{from}} → {{to}}) has no `via`. Name the broker topic, queue, ETL job or stream processor that carries it (declare it under `components`).',
    },
    examples: {
      bad: [
        {
          description: 'An event flow straight from producer to consumer',
          files: withContracts(`${HEADER}flows:
  - { id: order-created, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }
`),
        },
      ],
      good: [
        {
          description: 'The event flow goes through a topic',
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
        if (flow.pattern === undefined || !MEDIATED.has(flow.pattern) || flow.via !== undefined) return;
        const pattern = flow.pattern[0]!.toUpperCase() + flow.pattern.slice(1);
        context.report({
          messageId: 'missing',
          at: flow.loc,
          data: { pattern, flow: flow.id, from: idText(flow.from), to: idText(flow.to) },
        });
      },
    };
  },
});
