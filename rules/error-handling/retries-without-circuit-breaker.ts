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

interface Options {
  maxAttempts: number;
}

export default defineRule<Options>({
  meta: {
    id: 'error-handling/retries-without-circuit-breaker',
    category: 'error-handling',
    severity: 'warning',
    description:
      'A policy that retries more than a few times also has a circuit breaker or a retry budget to stop retrying a dependency that is down.',
    rationale:
      'Retries help with transient faults and hurt during an outage: every failing call becomes maxAttempts calls, multiplying load on the dependency exactly when it can least take it. A circuit breaker stops calling after the failure rate crosses a threshold; a retry budget (Envoy, Finagle) caps retries at a share of traffic. Either bounds the amplification.',
    sources: [
      'Google SRE Book, ch. 22 "Addressing Cascading Failures": limit retries per request, use a retry budget',
      'Resilience4j CircuitBreaker documentation',
      'Envoy: circuit breakers and retry budgets (retry_budget.budget_percent, default 20%)',
    ],
    messages: {
      unbounded:
        '{{policy}} makes up to {{attempts}} attempts (more than {{max}}) with neither a `circuitBreaker` nor a `retry.budget`: during an outage every call becomes {{attempts}} calls. Add a circuit breaker (or a retry budget), or lower `retry.maxAttempts` to {{max}}.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxAttempts: {
            type: 'integer',
            minimum: 1,
            description: 'Attempts (first one included) a policy may make without a breaker or budget.',
          },
        },
      },
      defaults: { maxAttempts: 3 },
    },
    examples: {
      bad: [
        {
          description: 'Six attempts and nothing that stops them when the dependency is down',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 10s
    retry: { maxAttempts: 6, initialInterval: 100ms, multiplier: 2, maxInterval: 2s, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description: 'Three attempts, and a circuit breaker besides',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
        {
          description: 'Six attempts, bounded by a retry budget of 20% of traffic',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 10s
    retry: { maxAttempts: 6, initialInterval: 100ms, multiplier: 2, maxInterval: 2s, jitter: full, budget: { percent: 20, minRetriesPerSecond: 10 } }
`,
          ),
        },
      ],
    },
  },
  create(context) {
    const max = context.options.maxAttempts;
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const attempts = attemptsOf(policy);
      if (attempts <= max || policy.circuitBreaker || policy.retry?.budget) return;
      context.report({
        messageId: 'unbounded',
        at: loc,
        path: ['retry', 'maxAttempts'],
        data: { policy: capitalize(label), attempts, max },
      });
    });
  },
});
