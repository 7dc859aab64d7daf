import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { attemptsOf, capitalize, eachErrorHandlingPolicy } from '../support/policies.js';

const FLOW = `flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: getOrder }
    errorHandling: sync-call
`;

export default defineRule({
  meta: {
    id: 'error-handling/retry-without-backoff',
    category: 'error-handling',
    severity: 'warning',
    description: 'Retries back off exponentially (`multiplier` > 1) instead of retrying at a fixed interval.',
    rationale:
      'A struggling dependency is usually overloaded. Retrying at a fixed interval keeps the extra load constant (every caller adds maxAttempts× its traffic), so the dependency never gets the room to recover; exponential backoff spreads the retries out and lets it drain its queue.',
    sources: [
      'AWS Architecture Blog: "Exponential Backoff And Jitter" (Marc Brooker, 2015)',
      'Google SRE Book, ch. 22 "Addressing Cascading Failures": retries',
      'Resilience4j Retry: IntervalFunction.ofExponentialBackoff',
    ],
    messages: {
      fixed:
        '{{policy}} retries up to {{attempts}} attempts at a fixed interval ({{why}}), which keeps hammering a dependency that is already failing. Set `retry.multiplier` (e.g. 2) with an `initialInterval` so the waits grow exponentially.',
    },
    examples: {
      bad: [
        {
          description: 'Five attempts, 200ms apart, however long the outage lasts',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    retry: { maxAttempts: 5, initialInterval: 200ms, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The waits double from 100ms up to a 1s cap',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const retry = policy.retry;
      const attempts = attemptsOf(policy);
      if (!retry || attempts <= 1) return;
      if (retry.multiplier !== undefined && retry.multiplier > 1) return;
      context.report({
        messageId: 'fixed',
        at: loc,
        path: retry.multiplier === undefined ? ['retry'] : ['retry', 'multiplier'],
        data: {
          policy: capitalize(label),
          attempts,
          why: retry.multiplier === undefined ? 'no `multiplier`' : '`multiplier: 1`',
        },
      });
    });
  },
});
