import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './retry-exceeds-timeout.js';

const policy = (body: string) => `errorHandling:
  - id: p
${body}`;

ruleTester(rule, {
  valid: [
    {
      name: 'attempts and capped backoff fit: 3 × 1s + (100ms + 200ms) ≤ 3.3s',
      files: withPolicies(
        flowUsing('request-response'),
        policy(`    timeout: 3.3s
    perTryTimeout: 1s
    retry: { maxAttempts: 3, initialInterval: 100ms, multiplier: 2 }
`),
      ),
    },
    {
      name: 'only an overall timeout: nothing to compare',
      files: withPolicies(
        flowUsing('request-response'),
        policy('    timeout: 1s\n    retry: { maxAttempts: 5 }\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'the backoff cap counts: 4 × 1s + (1s + 2s + 2s) = 9s > 8s',
      files: withPolicies(
        flowUsing('request-response'),
        policy(`    timeout: 8s
    perTryTimeout: 1s
    retry: { maxAttempts: 4, initialInterval: 1s, multiplier: 2, maxInterval: 2s }
`),
      ),
      errors: [
        {
          messageId: 'exceeds',
          message:
            'allows 4 attempts of up to 1s each plus up to 5s of backoff (9s in all), but its overall `timeout` is 8s',
          file: POLICIES_FILE,
          line: 5,
        },
      ],
    },
    {
      name: 'a retry block without maxAttempts means three attempts',
      files: withPolicies(
        flowUsing('request-response'),
        policy('    timeout: 2s\n    perTryTimeout: 1s\n    retry: {}\n'),
      ),
      errors: [{ messageId: 'exceeds', message: 'allows 3 attempts', line: 5 }],
    },
    {
      name: 'a single attempt longer than the whole call, reported at perTryTimeout',
      files: withPolicies(flowUsing('request-response'), policy('    timeout: 1s\n    perTryTimeout: 2s\n')),
      errors: [{ messageId: 'perTryLonger', line: 6 }],
    },
  ],
});
