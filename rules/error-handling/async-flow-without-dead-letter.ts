import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { ASYNC_POLICY, withPolicies } from '../support/examples.js';
import { errorHandlingOf, flowLabel, isAsync } from '../support/policies.js';

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
    id: 'error-handling/async-flow-without-dead-letter',
    category: 'error-handling',
    severity: 'error',
    description: 'Every event or stream flow parks messages that keep failing in a dead-letter destination.',
    rationale:
      'A consumer that cannot process a message (a poison message, a bug, a missing reference) either retries it forever — blocking the partition or queue behind it — or drops it silently. A dead-letter destination takes the message out of the way and keeps it for diagnosis and replay, so one bad message neither stops the flow nor disappears.',
    sources: [
      'Enterprise Integration Patterns (Hohpe, Woolf): Dead Letter Channel',
      'Amazon SQS Developer Guide: Using dead-letter queues',
      'Confluent: Kafka Connect deep dive – error handling and dead letter queues',
    ],
    messages: {
      noPolicy:
        'Async flow {{flow}} has no error-handling policy, so a message that keeps failing is retried forever or dropped. Give it a policy with `deadLetter: { destination, maxDeliveries, retention, replay, owner }`.',
      noDeadLetter:
        'Async flow {{flow}} uses {{policy}}, which has no dead-letter destination: a message that keeps failing blocks the ones behind it or is dropped. Add `deadLetter.destination` (a DLQ topic or queue) to the policy.',
    },
    examples: {
      bad: [
        {
          description: 'An event flow whose policy retries but never parks a failing message',
          files: withPolicies(
            `${HEADER}${FLOW}    errorHandling: retry-only\n`,
            `errorHandling:
  - id: retry-only
    retry: { maxAttempts: 3, initialInterval: 1s, multiplier: 2, maxInterval: 30s, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description:
            'The consumer policy names a dead-letter topic, with limits, retention, replay and owner',
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
        if (!isAsync(flow)) return;
        const { policy, at, path, name, dangling } = errorHandlingOf(flow);
        if (dangling) return;
        if (!policy) {
          context.report({ messageId: 'noPolicy', at, path, data: { flow: flowLabel(flow) } });
        } else if (!policy.deadLetter?.destination) {
          context.report({
            messageId: 'noDeadLetter',
            at,
            path,
            data: { flow: flowLabel(flow), policy: name! },
          });
        }
      },
    };
  },
});
