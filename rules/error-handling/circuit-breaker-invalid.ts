import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { parseDuration } from '../support/duration.js';
import { capitalize, eachErrorHandlingPolicy } from '../support/policies.js';

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
    id: 'error-handling/circuit-breaker-invalid',
    category: 'error-handling',
    severity: 'error',
    description:
      'Circuit-breaker settings can work: a failure-rate threshold in (0, 100], a minimum number of calls the window can hold, and a wait in the open state.',
    rationale:
      'A circuit breaker configured so it can never open (a threshold above 100%, a minimum number of calls larger than the sliding window) gives false confidence: the blueprint says the dependency is protected and it is not. One that opens without a wait duration either never lets trial calls through or hammers the dependency the moment it opens.',
    sources: [
      'Resilience4j CircuitBreaker: failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitDurationInOpenState',
      'Martin Fowler: CircuitBreaker',
      'Michael Nygard, Release It! (2nd ed.): Circuit Breaker',
    ],
    messages: {
      thresholdRange:
        '{{policy}} sets `circuitBreaker.failureRateThreshold: {{value}}`, a percentage that must lie in (0, 100]: the breaker opens on every failure or never. Use e.g. 50.',
      minimumAboveWindow:
        '{{policy}} needs {{minimum}} calls (`minimumNumberOfCalls`) before computing a failure rate, but its sliding window holds only {{window}} (`slidingWindowSize`): the rate is never computed and the breaker never opens. Make `minimumNumberOfCalls` at most {{window}}.',
      noWait:
        '{{policy}} has a circuit breaker without `waitDurationInOpenState`: it is not said how long the circuit stays open before trial calls. Set it, e.g. `waitDurationInOpenState: 30s`.',
      zeroWait:
        '{{policy}} sets `circuitBreaker.waitDurationInOpenState` to zero, so an open circuit lets traffic through again at once and protects nothing. Set a real wait, e.g. `30s`.',
    },
    examples: {
      bad: [
        {
          description:
            'The breaker needs 50 calls in a 20-call window, and says nothing about the open state',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    circuitBreaker: { failureRateThreshold: 50, slidingWindowSize: 20, minimumNumberOfCalls: 50 }
`,
          ),
        },
      ],
      good: [
        {
          description: 'Opens at 50% failures over 20 calls (once 10 are recorded), stays open 30s',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const breaker = policy.circuitBreaker;
      if (!breaker) return;
      const base = { policy: capitalize(label) };
      const at = (field: string) => ({ at: loc, path: ['circuitBreaker', field] });
      const threshold = breaker.failureRateThreshold;
      if (threshold !== undefined && (threshold <= 0 || threshold > 100))
        context.report({
          messageId: 'thresholdRange',
          ...at('failureRateThreshold'),
          data: { ...base, value: threshold },
        });
      const { minimumNumberOfCalls: minimum, slidingWindowSize: window } = breaker;
      if (minimum !== undefined && window !== undefined && minimum > window)
        context.report({
          messageId: 'minimumAboveWindow',
          ...at('minimumNumberOfCalls'),
          data: { ...base, minimum, window },
        });
      if (breaker.waitDurationInOpenState === undefined)
        context.report({ messageId: 'noWait', at: loc, path: ['circuitBreaker'], data: base });
      else if (parseDuration(breaker.waitDurationInOpenState) === 0)
        context.report({ messageId: 'zeroWait', ...at('waitDurationInOpenState'), data: base });
    });
  },
});
