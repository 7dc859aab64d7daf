import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
import { errorHandlingOf, flowLabel, isSync } from '../support/policies.js';

const FLOW = `flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: getOrder }
`;

export default defineRule({
  meta: {
    id: 'error-handling/sync-flow-without-timeout',
    category: 'error-handling',
    severity: 'error',
    description: 'Every request-response flow has a deadline (`timeout`, or `perTryTimeout`).',
    rationale:
      'A call without a deadline waits as long as the slowest dependency lets it. One slow dependency then holds every caller thread and connection, and the caller fails too: the classic cascading failure. Client libraries often default to no timeout at all, so the blueprint must say.',
    sources: [
      'Google SRE Book, ch. 22 "Addressing Cascading Failures": latency and deadlines',
      "AWS Builders' Library: Timeouts, retries, and backoff with jitter",
      'Michael Nygard, Release It! (2nd ed.): Timeouts',
    ],
    messages: {
      noPolicy:
        'Request-response flow {{flow}} has no error-handling policy, so it waits on "{{to}}" as long as "{{to}}" takes. Give it a policy with a `timeout` (the overall deadline, retries included).',
      noTimeout:
        'Request-response flow {{flow}} uses {{policy}}, which sets no `timeout` or `perTryTimeout`: a slow "{{to}}" holds the caller indefinitely. Add `timeout` (the overall deadline, retries included).',
    },
    examples: {
      bad: [
        {
          description: 'The policy retries, but nothing bounds how long a call may take',
          files: withPolicies(
            `${HEADER}${FLOW}    errorHandling: sync-call\n`,
            `errorHandling:
  - id: sync-call
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2, maxInterval: 1s, jitter: full }
`,
          ),
        },
      ],
      good: [
        {
          description: 'A 5s overall deadline with 1s per attempt',
          files: withPolicies(
            `${HEADER}${FLOW}    errorHandling: sync-call\n`,
            `errorHandling:\n${SYNC_POLICY}`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (!isSync(flow)) return;
        const { policy, at, path, name, dangling } = errorHandlingOf(flow);
        if (dangling) return;
        const data = { flow: flowLabel(flow), to: flow.to };
        if (!policy) context.report({ messageId: 'noPolicy', at, path, data });
        else if (policy.timeout === undefined && policy.perTryTimeout === undefined)
          context.report({ messageId: 'noTimeout', at, path, data: { ...data, policy: name! } });
      },
    };
  },
});
