import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './retries-without-circuit-breaker.js';

const policy = (rest: string) => `errorHandling:
  - id: p
    timeout: 5s
    retry:
      maxAttempts: 5
${rest}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a circuit breaker bounds the retries',
      files: withPolicies(
        flowUsing('request-response'),
        policy('    circuitBreaker: { failureRateThreshold: 50, waitDurationInOpenState: 30s }\n'),
      ),
    },
    {
      name: 'a retry budget bounds the retries',
      files: withPolicies(flowUsing('request-response'), policy('      budget: { percent: 20 }\n')),
    },
    {
      name: 'three attempts are within the default threshold',
      files: withPolicies(
        flowUsing('request-response'),
        'errorHandling:\n  - { id: p, retry: { maxAttempts: 3 } }\n',
      ),
    },
    {
      name: 'the threshold is an option',
      files: withPolicies(flowUsing('request-response'), policy('')),
      options: { maxAttempts: 5 },
    },
  ],
  invalid: [
    {
      name: 'five attempts without breaker or budget, reported at maxAttempts',
      files: withPolicies(flowUsing('request-response'), policy('')),
      errors: [
        {
          messageId: 'unbounded',
          message: 'makes up to 5 attempts (more than 3)',
          file: POLICIES_FILE,
          line: 7,
        },
      ],
    },
    {
      name: 'a stricter threshold from options',
      files: withPolicies(
        flowUsing('request-response'),
        'errorHandling:\n  - { id: p, retry: { maxAttempts: 3 } }\n',
      ),
      options: { maxAttempts: 2 },
      errors: [{ message: 'makes up to 3 attempts (more than 2)', line: 4 }],
    },
  ],
});
