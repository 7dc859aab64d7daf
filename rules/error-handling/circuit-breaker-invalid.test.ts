import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './circuit-breaker-invalid.js';

const policy = (breaker: string) => `errorHandling:
  - id: p
    timeout: 5s
    circuitBreaker:
${breaker}`;

ruleTester(rule, {
  valid: [
    {
      name: 'sane values, threshold at the 100% edge',
      files: withPolicies(
        flowUsing('request-response'),
        policy(
          '      failureRateThreshold: 100\n      slidingWindowSize: 10\n      minimumNumberOfCalls: 10\n      waitDurationInOpenState: 10s\n',
        ),
      ),
    },
    {
      name: 'no breaker, nothing to check',
      files: withPolicies(flowUsing('request-response'), 'errorHandling:\n  - { id: p, timeout: 1s }\n'),
    },
  ],
  invalid: [
    {
      name: 'threshold out of range and minimum larger than the window, each at its field',
      files: withPolicies(
        flowUsing('request-response'),
        policy(
          '      failureRateThreshold: 0\n      slidingWindowSize: 10\n      minimumNumberOfCalls: 20\n      waitDurationInOpenState: 10s\n',
        ),
      ),
      errors: [
        {
          messageId: 'thresholdRange',
          message: '`circuitBreaker.failureRateThreshold: 0`',
          file: POLICIES_FILE,
          line: 7,
        },
        { messageId: 'minimumAboveWindow', message: 'needs 20 calls', line: 9 },
      ],
    },
    {
      name: 'a threshold above 100',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      failureRateThreshold: 150\n      waitDurationInOpenState: 10s\n'),
      ),
      errors: [{ messageId: 'thresholdRange', line: 7 }],
    },
    {
      name: 'no wait in the open state, reported at the breaker',
      files: withPolicies(flowUsing('request-response'), policy('      failureRateThreshold: 50\n')),
      errors: [{ messageId: 'noWait', line: 6 }],
    },
    {
      name: 'a zero wait',
      files: withPolicies(
        flowUsing('request-response'),
        policy('      failureRateThreshold: 50\n      waitDurationInOpenState: 0s\n'),
      ),
      errors: [{ messageId: 'zeroWait', line: 8 }],
    },
  ],
});
