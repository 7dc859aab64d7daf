import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { flowUsing, withPolicies } from '../support/examples.js';
import rule from './sync-flow-without-timeout.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an overall timeout',
      files: withPolicies(flowUsing('request-response'), 'errorHandling:\n  - { id: p, timeout: 2s }\n'),
    },
    {
      name: 'a per-try timeout bounds a call that does not retry',
      files: withPolicies(
        flowUsing('request-response'),
        'errorHandling:\n  - { id: p, perTryTimeout: 2s }\n',
      ),
    },
    {
      name: 'event flows are not calls',
      files: withPolicies(
        flowUsing('event'),
        'errorHandling:\n  - { id: p, deadLetter: { destination: dlq } }\n',
      ),
    },
    {
      name: 'a dangling policy name is left to the reference check',
      files: withPolicies(flowUsing('request-response'), ''),
    },
  ],
  invalid: [
    {
      name: 'no policy at all, reported at the flow',
      files: withPolicies(
        `${HEADER}flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
`,
        '',
      ),
      errors: [
        { messageId: 'noPolicy', message: 'Request-response flow "get-order" (webshop → orders)', line: 14 },
      ],
    },
    {
      name: 'a policy without timeouts, reported at the reference',
      files: withPolicies(
        `${HEADER}flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
    errorHandling: retrying
`,
        'errorHandling:\n  - { id: retrying, retry: { maxAttempts: 2 } }\n',
      ),
      errors: [
        { messageId: 'noTimeout', message: 'uses policy "retrying"', file: 'blueprint.yaml', line: 18 },
      ],
    },
  ],
});
