import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './retry-without-backoff.js';

const policy = (retry: string) => `errorHandling:
  - id: p
    timeout: 5s
    retry:
${retry}`;

ruleTester(rule, {
  valid: [
    {
      name: 'exponential backoff',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      maxAttempts: 3\n      multiplier: 1.5\n'),
      ),
    },
    {
      name: 'a single attempt does not retry at all',
      files: withPolicies(flowUsing('request-response'), policy('      maxAttempts: 1\n')),
    },
  ],
  invalid: [
    {
      name: 'no multiplier: reported at the retry block, with the default of 3 attempts',
      files: withPolicies(flowUsing('request-response'), policy('      initialInterval: 1s\n')),
      errors: [
        {
          messageId: 'fixed',
          message: 'retries up to 3 attempts at a fixed interval (no `multiplier`)',
          file: POLICIES_FILE,
          line: 6,
        },
      ],
    },
    {
      name: 'multiplier 1: reported at the multiplier',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      maxAttempts: 4\n      multiplier: 1\n'),
      ),
      errors: [{ messageId: 'fixed', message: '`multiplier: 1`', file: POLICIES_FILE, line: 8 }],
    },
  ],
});
