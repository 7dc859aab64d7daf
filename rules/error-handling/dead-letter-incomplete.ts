import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { ASYNC_POLICY, withPolicies } from '../support/examples.js';
import { capitalize, eachErrorHandlingPolicy, listText } from '../support/policies.js';

const FLOW = `flows:
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    errorHandling: async-consumer
`;

/** What each missing field leaves unsaid, in the words of the message. */
const MISSING = {
  maxDeliveries: 'after how many deliveries a message is parked (`maxDeliveries`)',
  retention: 'how long dead letters are kept (`retention`)',
  replay: 'how they are replayed (`replay`)',
  owner: 'who triages them (`owner`)',
} as const;

export default defineRule({
  meta: {
    id: 'error-handling/dead-letter-incomplete',
    category: 'error-handling',
    severity: 'warning',
    description:
      'A dead-letter destination says after how many deliveries a message is parked, how long it is kept, how it is replayed and who owns it.',
    rationale:
      'A dead-letter queue nobody owns is a silent data-loss bucket: messages expire under the broker default retention before anyone looks, or pile up because no procedure exists to replay them after the fix. Without a delivery limit the poison message is retried forever before it ever reaches the DLQ.',
    sources: [
      'Amazon SQS Developer Guide: Using dead-letter queues (maxReceiveCount, retention, redrive)',
      'Enterprise Integration Patterns (Hohpe, Woolf): Dead Letter Channel',
      'Google SRE Book, ch. 22 "Addressing Cascading Failures"',
    ],
    messages: {
      incomplete:
        '{{policy}} parks failed messages in "{{destination}}" but does not say {{missing}}. Add the missing fields so dead letters are owned, kept long enough and can be replayed after the fix.',
    },
    examples: {
      bad: [
        {
          description: 'A dead-letter topic with nothing else: no limit, retention, replay or owner',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: async-consumer
    retry: { maxAttempts: 3, initialInterval: 1s, multiplier: 2, maxInterval: 30s, jitter: full }
    deadLetter: { destination: orders.order-created.dlq }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The dead letter block is complete',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${ASYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const deadLetter = policy.deadLetter;
      if (!deadLetter?.destination) return;
      const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter(
        (field) => deadLetter[field] === undefined,
      );
      if (missing.length === 0) return;
      context.report({
        messageId: 'incomplete',
        at: loc,
        path: ['deadLetter'],
        data: {
          policy: capitalize(label),
          destination: deadLetter.destination,
          missing: listText(missing.map((f) => MISSING[f])),
        },
      });
    });
  },
});
