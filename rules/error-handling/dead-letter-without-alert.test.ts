import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './dead-letter-without-alert.js';

const policy = (alerts: string) => `errorHandling:
  - id: p
    deadLetter: { destination: orders.dlq }
${alerts}`;

ruleTester(rule, {
  valid: [
    {
      name: 'an alert on depth',
      files: withPolicies(flowUsing('event'), policy('    alerts: { dlqDepth: 1 }\n')),
    },
    {
      name: 'an alert on age',
      files: withPolicies(flowUsing('event'), policy('    alerts: { dlqAge: 1h }\n')),
    },
    {
      name: 'no dead letter, nothing to watch',
      files: withPolicies(flowUsing('event'), 'errorHandling:\n  - { id: p, timeout: 1s }\n'),
    },
  ],
  invalid: [
    {
      name: 'alerts without a DLQ threshold point at the alerts block',
      files: withPolicies(flowUsing('event'), policy('    alerts:\n      consumerLag: 5m\n')),
      errors: [
        {
          messageId: 'noAlert',
          message: 'policy "p" parks failed messages in "orders.dlq"',
          file: POLICIES_FILE,
          line: 6,
        },
      ],
    },
    {
      name: 'no alerts block at all points at the policy',
      files: withPolicies(flowUsing('event'), policy('')),
      errors: [{ messageId: 'noAlert', file: POLICIES_FILE, line: 4 }],
    },
  ],
});
