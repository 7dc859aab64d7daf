import { defineRule } from '../../src/engine/rule.js';
import { HEADER, placeOrderFlow } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { attemptsOf, errorHandlingOf, flowLabel, isSync } from '../support/policies.js';

const FLOW = `flows:
${placeOrderFlow('    errorHandling: sync-call\n')}`;

/** HTTP methods that are not idempotent (RFC 9110 §9.2.2). */
const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

export default defineRule({
  meta: {
    id: 'error-handling/retry-non-idempotent-operation',
    category: 'error-handling',
    severity: 'error',
    description:
      'A flow that retries a non-idempotent operation (POST or PATCH in its contract) names an idempotency key.',
    rationale:
      'A timeout does not mean the request failed: the server may have committed the order and lost only the response. Retrying a POST then creates a second order (or charges twice). Either the operation accepts an idempotency key the server deduplicates on, or the flow must not retry it.',
    sources: [
      'RFC 9110 §9.2.2: Idempotent Methods',
      'IETF draft-ietf-httpapi-idempotency-key-header: The Idempotency-Key HTTP Header Field',
      'Stripe API reference: Idempotent requests',
    ],
    messages: {
      unsafeRetry:
        'Flow {{flow}} retries `{{operation}}` up to {{attempts}} attempts, but {{method}} is not idempotent and {{policy}} names no `idempotency.key`: a retry after a lost response repeats the side effect. Add `idempotency: { key: Idempotency-Key, window, store }` (and the header in the contract), or stop retrying.',
    },
    examples: {
      bad: [
        {
          description: 'Creating an order is retried three times with no idempotency key',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    perTryTimeout: 1s
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2, maxInterval: 1s, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The retries carry an `Idempotency-Key` the orders service deduplicates on',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (!isSync(flow)) return;
        const operation = context.model.index.contractTarget(flow)?.operation;
        if (!operation?.method || !NON_IDEMPOTENT.has(operation.method)) return;
        const { policy, at, path, name } = errorHandlingOf(flow);
        const attempts = attemptsOf(policy);
        if (attempts <= 1 || policy?.idempotency?.key) return;
        context.report({
          messageId: 'unsafeRetry',
          at,
          path,
          data: {
            flow: flowLabel(flow),
            operation: operation.key,
            method: operation.method,
            attempts,
            policy: name!,
          },
        });
      },
    };
  },
});
