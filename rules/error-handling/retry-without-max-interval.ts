import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { formatDuration, parseDuration } from '../support/duration.js';
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
    id: 'error-handling/retry-without-max-interval',
    category: 'error-handling',
    severity: 'warning',
    description: 'Exponential backoff is capped by `retry.maxInterval`.',
    rationale:
      'Uncapped exponential backoff grows without bound: ten attempts doubling from one second wait over eight minutes before the last one, far past any caller deadline or consumer session timeout. A cap keeps the worst case predictable and bounds how long a recovered dependency sits idle before traffic resumes.',
    sources: [
      'AWS Architecture Blog: "Exponential Backoff And Jitter" (the `cap` in every formula)',
      'Resilience4j Retry: exponential backoff with maxInterval (IntervalFunction.ofExponentialBackoff)',
      'Envoy: retry_back_off.max_interval (default 10× base_interval)',
    ],
    messages: {
      uncapped:
        '{{policy}} backs off exponentially (×{{multiplier}}) with no `retry.maxInterval`{{growth}}. Cap the wait, e.g. `maxInterval: 30s`.',
    },
    examples: {
      bad: [
        {
          description:
            'The wait before the eighth attempt is 100ms × 2⁶ = 6.4s, and nothing stops it growing',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 30s
    retry: { maxAttempts: 8, initialInterval: 100ms, multiplier: 2, jitter: full }
    circuitBreaker: { failureRateThreshold: 50, slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 30s }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The waits double up to a 1s cap',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const retry = policy.retry;
      const attempts = attemptsOf(policy);
      if (!retry || attempts <= 1 || retry.multiplier === undefined || retry.multiplier <= 1) return;
      if (retry.maxInterval !== undefined) return;
      const initial = parseDuration(retry.initialInterval);
      const last = initial === undefined ? undefined : initial * retry.multiplier ** (attempts - 2);
      context.report({
        messageId: 'uncapped',
        at: loc,
        path: ['retry'],
        data: {
          policy: capitalize(label),
          multiplier: retry.multiplier,
          growth:
            last === undefined ? '' : `: its last wait before attempt ${attempts} is ${formatDuration(last)}`,
        },
      });
    });
  },
});
