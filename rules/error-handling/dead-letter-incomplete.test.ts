import { ruleTester } from '../../test/support/rule-tester.js';
import { ASYNC_POLICY, flowUsing, POLICIES_FILE, withPolicies } from '../support/examples.js';
import rule from './dead-letter-incomplete.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a complete dead-letter block',
      files: withPolicies(
        flowUsing('event'),
        `errorHandling:\n${ASYNC_POLICY.replace('async-consumer', 'p')}`,
      ),
    },
    {
      name: 'no dead letter at all is another rule’s business',
      files: withPolicies(flowUsing('event'), 'errorHandling:\n  - { id: p, timeout: 5s }\n'),
    },
  ],
  invalid: [
    {
      name: 'a named policy missing retention and owner, reported at its deadLetter block',
      files: withPolicies(
        flowUsing('event'),
        `errorHandling:
  - id: p
    timeout: 5s
    deadLetter:
      destination: orders.dlq
      maxDeliveries: 5
      replay: runbooks/replay.md
`,
      ),
      errors: [
        {
          messageId: 'incomplete',
          message:
            'Error-handling policy "p" parks failed messages in "orders.dlq" but does not say how long dead letters are kept (`retention`) and who triages them (`owner`).',
          file: POLICIES_FILE,
          line: 6,
        },
      ],
    },
    {
      name: 'an inline policy is reported in the flow',
      files: withPolicies(
        flowUsing('event').replace(
          'errorHandling: p',
          'errorHandling: { deadLetter: { destination: dlq, retention: 7d } }',
        ),
        '',
      ),
      errors: [
        { message: 'The inline error-handling policy of flow "f1"', file: 'blueprint.yaml', line: 14 },
      ],
    },
  ],
});
