import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { ASYNC_POLICY, withPolicies } from '../support/examples.js';
import { errorHandlingOf, flowLabel } from '../support/policies.js';

const FLOW = `flows:
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    deliveryGuarantee: at-least-once
`;

export default defineRule({
  meta: {
    id: 'error-handling/at-least-once-without-idempotency',
    category: 'error-handling',
    severity: 'error',
    description: 'An at-least-once flow names the idempotency key its consumer deduplicates on.',
    rationale:
      'At-least-once means duplicates: a redelivery after a consumer crash, a producer retry after a lost acknowledgement, a replay from the dead-letter queue. A consumer that does not recognise a message it has already processed books the payment twice or ships the order twice. The key (and how long it is remembered) is a design decision, not an implementation detail.',
    sources: [
      'Apache Kafka documentation: Message Delivery Semantics',
      'Enterprise Integration Patterns (Hohpe, Woolf): Idempotent Receiver',
      'Stripe API reference: Idempotent requests',
    ],
    messages: {
      noPolicy:
        'Flow {{flow}} is delivered at least once but has no error-handling policy, so nothing says how "{{to}}" recognises a duplicate. Add a policy with `idempotency: { key, window, store }`.',
      noKey:
        'Flow {{flow}} is delivered at least once, but {{policy}} names no `idempotency.key`: every redelivery is processed again by "{{to}}". Name the field or header it deduplicates on (e.g. `eventId`), with a `window` and `store`.',
    },
    examples: {
      bad: [
        {
          description: 'At-least-once delivery, and no word on duplicates',
          files: withPolicies(
            `${HEADER}${FLOW}    errorHandling: async-consumer\n`,
            `errorHandling:
  - id: async-consumer
    retry: { maxAttempts: 3, initialInterval: 1s, multiplier: 2, maxInterval: 30s, jitter: full }
    deadLetter: { destination: orders.order-created.dlq, maxDeliveries: 5, retention: 14d, replay: runbooks/replay-dlq.md, owner: acme/orders }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The consumer remembers `eventId` for seven days',
          files: withPolicies(
            `${HEADER}${FLOW}    errorHandling: async-consumer\n`,
            `errorHandling:\n${ASYNC_POLICY}`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.deliveryGuarantee !== 'at-least-once') return;
        const { policy, at, path, name, dangling } = errorHandlingOf(flow);
        if (dangling) return;
        const data = { flow: flowLabel(flow), to: flow.to };
        if (!policy) context.report({ messageId: 'noPolicy', at, path, data });
        else if (!policy.idempotency?.key)
          context.report({ messageId: 'noKey', at, path, data: { ...data, policy: name! } });
      },
    };
  },
});
