import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { ASYNC_POLICY, withPolicies } from '../support/examples.js';
import rule from './async-flow-without-dead-letter.js';

const flow = (extra: string) => `${HEADER}flows:
  - id: order-created
    from: orders
    to: webshop
    pattern: event
    contract: { ref: order-events, channel: orderCreated }
${extra}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a named policy with a dead-letter destination',
      files: withPolicies(flow('    errorHandling: async-consumer\n'), `errorHandling:\n${ASYNC_POLICY}`),
    },
    {
      name: 'an inline policy with a dead-letter destination',
      files: withPolicies(flow('    errorHandling: { deadLetter: { destination: dlq } }\n'), ''),
    },
    {
      name: 'synchronous flows need no dead letter',
      files: withPolicies(
        `${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
`,
        '',
      ),
    },
  ],
  invalid: [
    {
      name: 'a stream flow with no policy at all is reported at the flow',
      files: withPolicies(flow('').replace('pattern: event', 'pattern: stream'), ''),
      errors: [{ messageId: 'noPolicy', message: 'Async flow "order-created" (orders → webshop)', line: 14 }],
    },
    {
      name: 'a named policy without dead letter is reported at the reference, naming the policy',
      files: withPolicies(
        flow('    errorHandling: retry-only\n'),
        'errorHandling:\n  - { id: retry-only, retry: { maxAttempts: 3 } }\n',
      ),
      errors: [
        { messageId: 'noDeadLetter', message: 'uses policy "retry-only"', file: 'blueprint.yaml', line: 19 },
      ],
    },
    {
      name: 'an inline policy with a dead-letter block but no destination',
      files: withPolicies(flow('    errorHandling: { deadLetter: { retention: 14d } }\n'), ''),
      errors: [{ messageId: 'noDeadLetter', message: 'uses its inline policy', line: 19 }],
    },
  ],
});
