import { defineRule } from '../../src/engine/rule.js';
import { CHAIN_HEADER, chainFlows, SYNC_POLICY, withChain } from '../support/examples.js';
import { syncCallersOf } from '../support/chains.js';
import { attemptsOf, errorHandlingOf, flowLabel } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'error-handling/retry-amplification',
    category: 'error-handling',
    severity: 'warning',
    description: 'On a chain of synchronous calls, only one hop retries.',
    rationale:
      'Retries multiply down a chain: if A retries B three times and B retries C three times, one failing request to A becomes nine calls to C, and a five-deep chain turns one request into 243. The deepest dependency — usually the one already in trouble — takes the whole amplified load. Retry at one layer (usually the outermost, or the one closest to the fault with a budget) and let the others fail fast.',
    sources: [
      'Google SRE Book, ch. 22 "Addressing Cascading Failures": retry at a single layer',
      "AWS Builders' Library: Timeouts, retries, and backoff with jitter (retries at several layers)",
    ],
    messages: {
      amplified:
        'Flows {{caller}} and {{callee}} both retry ({{outer}} × {{inner}} attempts): when "{{target}}" fails, one request to "{{system}}" becomes {{product}} calls to "{{target}}". Retry at one hop only — e.g. set `retry.maxAttempts: 1` in the policy of "{{calleeId}}" and let it fail fast.',
    },
    examples: {
      bad: [
        {
          description: 'Both hops retry three times: nine calls to payments per order',
          files: withChain(`${CHAIN_HEADER}${chainFlows('sync-call')}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
      good: [
        {
          description: 'The outer hop retries; the inner one fails fast',
          files: withChain(
            `${CHAIN_HEADER}${chainFlows('fail-fast')}`,
            `errorHandling:
${SYNC_POLICY}  - id: fail-fast
    timeout: 2s
    idempotency: { key: Idempotency-Key, window: 24h, store: orders-db }
    alerts: { errorRate: 5%, latencyP99: 1s, route: pagerduty:orders-oncall }
`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(callee) {
        const inner = errorHandlingOf(callee);
        const innerAttempts = attemptsOf(inner.policy);
        if (innerAttempts <= 1) return;
        for (const caller of syncCallersOf(context.model, callee)) {
          const outerAttempts = attemptsOf(errorHandlingOf(caller).policy);
          if (outerAttempts <= 1) continue;
          context.report({
            messageId: 'amplified',
            at: inner.at,
            path: inner.path,
            data: {
              caller: flowLabel(caller),
              callee: flowLabel(callee),
              calleeId: callee.id,
              outer: outerAttempts,
              inner: innerAttempts,
              product: outerAttempts * innerAttempts,
              target: callee.to,
              system: callee.from,
            },
          });
        }
      },
    };
  },
});
