import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { formatDuration, parseDuration } from '../support/duration.js';
import { attemptsOf, capitalize, eachErrorHandlingPolicy } from '../support/policies.js';
import { worstCaseBackoff } from '../support/timing.js';

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
    id: 'error-handling/retry-exceeds-timeout',
    category: 'error-handling',
    severity: 'warning',
    description:
      'The overall `timeout` leaves room for every attempt: `perTryTimeout` × `maxAttempts` plus the backoff between them fits inside it.',
    rationale:
      'The overall deadline wins (Envoy cancels the retries once the route timeout expires). When per-try timeouts and backoff add up to more than the deadline, the last attempts never happen: the retry configuration promises resilience it cannot deliver, and load tests that never hit the deadline do not show it.',
    sources: [
      'Envoy: route timeout vs. retry_policy.per_try_timeout',
      "AWS Builders' Library: Timeouts, retries, and backoff with jitter",
      'Resilience4j TimeLimiter and Retry documentation',
    ],
    messages: {
      exceeds:
        '{{policy}} allows {{attempts}} attempts of up to {{perTry}} each plus up to {{backoff}} of backoff ({{total}} in all), but its overall `timeout` is {{timeout}}: the last attempts are cut off. Raise `timeout` to at least {{total}}, or lower `perTryTimeout` or `retry.maxAttempts`.',
      perTryLonger:
        '{{policy}} lets one attempt run {{perTry}} (`perTryTimeout`) but the whole call only {{timeout}} (`timeout`), so the per-try timeout never applies. Make `perTryTimeout` shorter than `timeout`.',
    },
    examples: {
      bad: [
        {
          description: 'Three attempts of 2s plus 300ms of backoff need 6.3s; the deadline is 5s',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    perTryTimeout: 2s
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2, maxInterval: 1s, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description: 'Three attempts of 1s plus 300ms of backoff fit in 5s',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const timeout = parseDuration(policy.timeout);
      const perTry = parseDuration(policy.perTryTimeout);
      if (timeout === undefined || perTry === undefined) return;
      const attempts = attemptsOf(policy);
      const backoff = worstCaseBackoff(policy);
      const total = attempts * perTry + backoff;
      if (total <= timeout) return;
      const data = {
        policy: capitalize(label),
        perTry: formatDuration(perTry),
        timeout: formatDuration(timeout),
      };
      if (attempts === 1) {
        context.report({ messageId: 'perTryLonger', at: loc, path: ['perTryTimeout'], data });
        return;
      }
      context.report({
        messageId: 'exceeds',
        at: loc,
        path: ['timeout'],
        data: { ...data, attempts, backoff: formatDuration(backoff), total: formatDuration(total) },
      });
    });
  },
});
