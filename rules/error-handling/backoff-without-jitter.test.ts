import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './backoff-without-jitter.js';

const policy = (retry: string) => `errorHandling:
  - id: p
    timeout: 5s
    retry:
      maxAttempts: 3
${retry}`;

ruleTester(rule, {
  valid: [
    {
      name: 'full jitter',
      files: withPolicies(flowUsing('request-response'), policy('      jitter: full\n')),
    },
    {
      name: 'decorrelated jitter',
      files: withPolicies(flowUsing('request-response'), policy('      jitter: decorrelated\n')),
    },
    {
      name: 'no retries, no jitter needed',
      files: withPolicies(flowUsing('request-response'), 'errorHandling:\n  - { id: p, timeout: 1s }\n'),
    },
  ],
  invalid: [
    {
      name: 'jitter: none is reported at the jitter key',
      files: withPolicies(flowUsing('request-response'), policy('      multiplier: 2\n      jitter: none\n')),
      errors: [{ messageId: 'noJitter', message: '(`jitter: none`)', file: POLICIES_FILE, line: 9 }],
    },
    {
      name: 'no jitter is reported at the retry block',
      files: withPolicies(flowUsing('request-response'), policy('')),
      errors: [{ messageId: 'noJitter', message: '(no `jitter`)', file: POLICIES_FILE, line: 6 }],
    },
  ],
});
