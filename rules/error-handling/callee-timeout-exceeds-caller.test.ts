import { ruleTester } from '../../test/support/rule-tester.js';
import { CHAIN_HEADER, withChain } from '../support/examples.js';
import rule from './callee-timeout-exceeds-caller.js';

const chain = (outer: string, inner: string, innerPattern = 'request-response') => `${CHAIN_HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, errorHandling: ${outer} }
  - { id: authorize-payment, from: orders, to: payments, pattern: ${innerPattern}, errorHandling: ${inner} }
`;

const policies = `errorHandling:
  - { id: t5, timeout: 5s }
  - { id: t2, timeout: 2s }
  - { id: per-try, perTryTimeout: 2s, retry: { maxAttempts: 3, initialInterval: 100ms } }
  - { id: none, retry: { maxAttempts: 2 } }
`;

ruleTester(rule, {
  valid: [
    { name: 'the inner deadline is shorter', files: withChain(chain('t5', 't2'), policies) },
    {
      name: 'the inner flow is an event, not a call the caller waits for',
      files: withChain(chain('t2', 't5', 'event'), policies),
    },
    {
      name: 'an unbounded caller is another rule’s finding',
      files: withChain(chain('none', 't5'), policies),
    },
  ],
  invalid: [
    {
      name: 'the inner call may outlast the outer one',
      files: withChain(chain('t2', 't5'), policies),
      errors: [
        {
          messageId: 'longer',
          message:
            'Flow "authorize-payment" (orders → payments) may wait up to 5s on "payments", but flow "place-order" (webshop → orders), which calls "orders", gives up after 2s',
          file: 'blueprint.yaml',
          line: 17,
        },
      ],
    },
    {
      name: 'a deadline made of per-try timeouts and backoff: 3 × 2s + 200ms',
      files: withChain(chain('t5', 'per-try'), policies),
      errors: [{ message: 'may wait up to 6.2s', line: 17 }],
    },
    {
      name: 'equal deadlines are reported too: the caller cannot get an answer in time',
      files: withChain(chain('t5', 't5'), policies),
      errors: [{ message: 'gives up after 5s' }],
    },
  ],
});
