import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { flowLabel } from '../support/policies.js';

const blueprint = (ordering: string) => `${HEADER}flows:
  - id: order-status-changed
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    requirements: [status-in-order]
${ordering}requirements:
  - id: status-in-order
    description: A cancellation is never applied before the order it cancels.
    ordering: true
`;

export default defineRule({
  meta: {
    id: 'requirements/ordering-without-key',
    category: 'requirements',
    severity: 'error',
    description:
      'An event or stream flow that must preserve order (its own `ordering.required`, or a requirement with `ordering: true`) names the partition or ordering key that scopes it.',
    rationale:
      'Brokers order messages only within a partition (Kafka), a message group (SQS FIFO) or an ordering key (Pub/Sub). Without a key, related messages land on different partitions and are consumed in parallel, so "cancelled" overtakes "created". With one global partition, order holds but throughput is capped at one consumer. The key (usually the entity id) is the design decision.',
    sources: [
      'Apache Kafka documentation: partitions and ordering guarantees',
      'Amazon SQS Developer Guide: FIFO queues and message group ids',
      'Google Cloud Pub/Sub: ordering keys',
    ],
    messages: {
      flowNoKey:
        'Flow {{flow}} requires ordering but names no `ordering.key`: without a partition key related messages are consumed in parallel and overtake each other. Set `ordering.key` (e.g. the entity id) and use it as the message key.',
      requirementNoKey:
        'Flow {{flow}} serves requirement "{{requirement}}", which needs ordering, but the flow names no `ordering: { required: true, key }`. Set the partition/ordering key (e.g. the entity id) and use it as the message key.',
    },
    examples: {
      bad: [
        {
          description: 'Order status events must stay in order, but nothing says by which key',
          files: withContracts(blueprint('')),
        },
      ],
      good: [
        {
          description: 'Ordered per order id (the Kafka message key)',
          files: withContracts(blueprint('    ordering: { required: true, key: orderId }\n')),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.ordering?.key) return;
        if (flow.ordering?.required) {
          context.report({
            messageId: 'flowNoKey',
            at: flow.loc,
            path: ['ordering'],
            data: { flow: flowLabel(flow) },
          });
          return;
        }
        if (flow.pattern !== 'event' && flow.pattern !== 'stream') return;
        const requirement = flow.requirements.find(
          (id) => context.model.index.requirements.get(id)?.ordering === true,
        );
        if (requirement === undefined) return;
        context.report({
          messageId: 'requirementNoKey',
          at: flow.loc,
          path: ['ordering'],
          data: { flow: flowLabel(flow), requirement },
        });
      },
    };
  },
});
