import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { ASYNC_POLICY, withPolicies } from '../support/examples.js';
import { capitalize, eachErrorHandlingPolicy } from '../support/policies.js';

const FLOW = `flows:
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    errorHandling: async-consumer
`;

export default defineRule({
  meta: {
    id: 'error-handling/dead-letter-without-alert',
    category: 'error-handling',
    severity: 'warning',
    description:
      'A policy with a dead-letter destination alerts on its depth or on the age of its oldest message.',
    rationale:
      'Dead-lettering turns a loud failure into a quiet one. Unless a message arriving in the DLQ (or staying there too long) pages someone, the business finds out from a customer weeks later — often after retention has deleted the evidence.',
    sources: [
      'Google SRE Book, ch. 6 "Monitoring Distributed Systems"',
      'Amazon SQS Developer Guide: ApproximateAgeOfOldestMessage and ApproximateNumberOfMessagesVisible alarms',
    ],
    messages: {
      noAlert:
        '{{policy}} parks failed messages in "{{destination}}" but sets no `alerts.dlqDepth` or `alerts.dlqAge`: nobody learns that messages are piling up. Add a threshold (e.g. `dlqDepth: 1`, `dlqAge: 1h`) and an `alerts.route`.',
    },
    examples: {
      bad: [
        {
          description: 'Alerts exist, but none watches the dead-letter queue',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: async-consumer
    deadLetter: { destination: orders.order-created.dlq, maxDeliveries: 5, retention: 14d, replay: runbooks/replay-dlq.md, owner: acme/orders }
    alerts: { consumerLag: 5m, route: pagerduty:orders-oncall }
`,
          ),
        },
      ],
      good: [
        {
          description: 'One dead letter pages the owner; so does one that waits an hour',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${ASYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const destination = policy.deadLetter?.destination;
      if (!destination) return;
      if (policy.alerts?.dlqDepth !== undefined || policy.alerts?.dlqAge !== undefined) return;
      context.report({
        messageId: 'noAlert',
        at: loc,
        path: ['alerts'],
        data: { policy: capitalize(label), destination },
      });
    });
  },
});
