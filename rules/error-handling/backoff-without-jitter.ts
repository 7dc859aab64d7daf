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
    id: 'error-handling/backoff-without-jitter',
    category: 'error-handling',
    severity: 'warning',
    description: 'Retry waits are randomised (`jitter: full | equal | decorrelated`).',
    rationale:
      'Without jitter, every client that failed at the same moment retries at the same moment: exponential backoff only spaces the synchronized waves further apart, and each wave hits the recovering dependency at once. Randomising the waits spreads the load; AWS measured full jitter as doing the least total work and finishing soonest.',
    sources: [
      'AWS Architecture Blog: "Exponential Backoff And Jitter" (Marc Brooker, 2015)',
      "AWS Builders' Library: Timeouts, retries, and backoff with jitter",
      'Google SRE Book, ch. 22 "Addressing Cascading Failures"',
    ],
    messages: {
      noJitter:
        '{{policy}} retries without jitter ({{why}}), so clients that failed together retry together and hit the recovering dependency in synchronized waves. Set `retry.jitter: full` (or `equal`/`decorrelated`).',
    },
    examples: {
      bad: [
        {
          description: 'Exponential backoff, but every client waits exactly the same time',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2, maxInterval: 1s, jitter: none }
`,
          ),
        },
      ],
      good: [
        {
          description: 'Full jitter: each wait is random between zero and the backoff',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const retry = policy.retry;
      if (!retry || attemptsOf(policy) <= 1) return;
      if (retry.jitter !== undefined && retry.jitter !== 'none') return;
      context.report({
        messageId: 'noJitter',
        at: loc,
        path: retry.jitter === undefined ? ['retry'] : ['retry', 'jitter'],
        data: {
          policy: capitalize(label),
          why: retry.jitter === undefined ? 'no `jitter`' : '`jitter: none`',
        },
      });
    });
  },
});
