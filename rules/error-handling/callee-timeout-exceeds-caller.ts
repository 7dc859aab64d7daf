import { defineRule } from '../../src/engine/rule.js';
import { CHAIN_HEADER, chainFlows, SYNC_POLICY, withChain } from '../support/examples.js';
import { formatDuration } from '../support/duration.js';
import { syncCallersOf } from '../support/chains.js';
import { errorHandlingOf, flowLabel } from '../support/policies.js';
import { deadlineOf } from '../support/timing.js';

export default defineRule({
  meta: {
    id: 'error-handling/callee-timeout-exceeds-caller',
    category: 'error-handling',
    severity: 'warning',
    description: 'On a chain of synchronous calls (A → B → C), B waits on C for less time than A waits on B.',
    rationale:
      'Deadlines must shrink down a call chain. When B may wait on C longer than A waits on B, A gives up (and often retries) while B is still working: B finishes work nobody is waiting for, the retry starts it again, and under load the wasted work is what takes the system down. Deadline propagation (gRPC, SRE) exists for exactly this.',
    sources: [
      'Google SRE Book, ch. 22 "Addressing Cascading Failures": deadline propagation',
      'gRPC: Deadlines (deadline propagation)',
      "AWS Builders' Library: Timeouts, retries, and backoff with jitter",
    ],
    messages: {
      longer:
        'Flow {{callee}} may wait up to {{calleeDeadline}} on "{{target}}", but flow {{caller}}, which calls "{{system}}", gives up after {{callerDeadline}}: "{{origin}}" times out while "{{system}}" is still waiting, and a retry repeats work already under way. Keep the deadline of "{{calleeId}}" well below {{callerDeadline}}.',
    },
    examples: {
      bad: [
        {
          description: 'The webshop gives orders 5s; orders gives payments 10s',
          files: withChain(
            `${CHAIN_HEADER}${chainFlows('slow-call')}`,
            `errorHandling:
${SYNC_POLICY}  - id: slow-call
    timeout: 10s
`,
          ),
        },
      ],
      good: [
        {
          description: 'The webshop gives orders 5s; orders gives payments 2s',
          files: withChain(
            `${CHAIN_HEADER}${chainFlows('inner-call')}`,
            `errorHandling:
${SYNC_POLICY}  - id: inner-call
    timeout: 2s
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
        const calleeDeadline = deadlineOf(inner.policy);
        if (calleeDeadline === undefined) return;
        for (const caller of syncCallersOf(context.model, callee)) {
          const callerDeadline = deadlineOf(errorHandlingOf(caller).policy);
          if (callerDeadline === undefined || calleeDeadline < callerDeadline) continue;
          context.report({
            messageId: 'longer',
            at: inner.at,
            path: inner.path,
            data: {
              callee: flowLabel(callee),
              calleeId: callee.id,
              caller: flowLabel(caller),
              target: callee.to,
              system: callee.from,
              origin: caller.from,
              calleeDeadline: formatDuration(calleeDeadline),
              callerDeadline: formatDuration(callerDeadline),
            },
          });
        }
      },
    };
  },
});
