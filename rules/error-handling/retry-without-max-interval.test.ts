import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './retry-without-max-interval.js';

const policy = (retry: string) => `errorHandling:
  - id: p
    timeout: 5s
    retry:
${retry}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a capped backoff',
      files: withPolicies(
        flowUsing('request-response'),
        policy(
          '      maxAttempts: 5\n      initialInterval: 1s\n      multiplier: 2\n      maxInterval: 10s\n',
        ),
      ),
    },
    {
      name: 'a fixed interval never grows',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      maxAttempts: 5\n      initialInterval: 1s\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'uncapped growth, with the last wait computed',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      maxAttempts: 10\n      initialInterval: 1s\n      multiplier: 2\n'),
      ),
      errors: [
        {
          messageId: 'uncapped',
          message:
            'backs off exponentially (×2) with no `retry.maxInterval`: its last wait before attempt 10 is 256s.',
          file: POLICIES_FILE,
          line: 6,
        },
      ],
    },
    {
      name: 'uncapped growth without an initial interval still needs a cap',
      files: withPolicies(flowUsing('request-response'), policy('      multiplier: 3\n')),
      errors: [{ message: '(×3) with no `retry.maxInterval`. Cap the wait', file: POLICIES_FILE, line: 6 }],
    },
  ],
});
