import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SYNC_POLICY, withPolicies } from '../support/examples.js';
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
    id: 'error-handling/missing-alerts',
    category: 'error-handling',
    severity: 'warning',
    description:
      'Every error-handling policy sets an alert threshold (error rate, p99 latency or consumer lag) and a route saying who is paged.',
    rationale:
      'Retries, breakers and dead letters hide failures from users — and from operators, unless a threshold pages someone. A threshold without a route pages nobody. The SRE golden signals (errors, latency, saturation) are the minimum an integration owner watches.',
    sources: [
      'Google SRE Book, ch. 6 "Monitoring Distributed Systems": the four golden signals',
      'Google SRE Workbook, ch. 5 "Alerting on SLOs"',
    ],
    messages: {
      noThresholds:
        '{{policy}} sets no alert threshold (`alerts.errorRate`, `alerts.latencyP99` or `alerts.consumerLag`), so failures it absorbs page nobody. Add the thresholds that matter for this flow and an `alerts.route`.',
      noRoute:
        '{{policy}} sets alert thresholds but no `alerts.route`: nobody is paged when they are crossed. Name the on-call rotation, e.g. `route: pagerduty:orders-oncall`.',
    },
    examples: {
      bad: [
        {
          description: 'Thresholds, but nobody to page',
          files: withPolicies(
            `${HEADER}${FLOW}`,
            `errorHandling:
  - id: sync-call
    timeout: 5s
    alerts: { errorRate: 5%, latencyP99: 2s }
`,
          ),
        },
      ],
      good: [
        {
          description: '5% errors or a 2s p99 pages the orders on-call',
          files: withPolicies(`${HEADER}${FLOW}`, `errorHandling:\n${SYNC_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachErrorHandlingPolicy(({ policy, loc, label }) => {
      const alerts = policy.alerts;
      const data = { policy: capitalize(label) };
      const signals = [alerts?.errorRate, alerts?.latencyP99, alerts?.consumerLag];
      const deadLetters = [alerts?.dlqDepth, alerts?.dlqAge];
      const set = (values: unknown[]) => values.some((v) => v !== undefined);
      if (!set(signals)) context.report({ messageId: 'noThresholds', at: loc, path: ['alerts'], data });
      if ((set(signals) || set(deadLetters)) && !alerts?.route)
        context.report({ messageId: 'noRoute', at: loc, path: ['alerts'], data });
    });
  },
});
