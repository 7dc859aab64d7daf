import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './missing-alerts.js';

const policy = (alerts: string) => `errorHandling:
  - id: p
    timeout: 5s
${alerts}`;

ruleTester(rule, {
  valid: [
    {
      name: 'consumer lag with a route',
      files: withPolicies(
        flowUsing('event'),
        policy('    alerts: { consumerLag: 5m, route: pagerduty:oncall }\n'),
      ),
    },
    {
      name: 'error rate with a route',
      files: withPolicies(
        flowUsing('event'),
        policy('    alerts: { errorRate: 2%, route: slack:#orders }\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'no alerts at all',
      files: withPolicies(flowUsing('request-response'), policy('')),
      errors: [
        {
          messageId: 'noThresholds',
          message: 'Error-handling policy "p" sets no alert threshold',
          file: POLICIES_FILE,
          line: 4,
        },
      ],
    },
    {
      name: 'only dead-letter alerts, and no route: both reported',
      files: withPolicies(flowUsing('event'), policy('    alerts:\n      dlqDepth: 1\n')),
      errors: [
        // Same line: ordered by message text.
        { messageId: 'noRoute', line: 6 },
        { messageId: 'noThresholds', line: 6 },
      ],
    },
    {
      name: 'a threshold without a route',
      files: withPolicies(flowUsing('event'), policy('    alerts:\n      latencyP99: 2s\n')),
      errors: [{ messageId: 'noRoute', line: 6 }],
    },
  ],
});
