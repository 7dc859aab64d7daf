import { ruleTester } from '../../test/support/rule-tester.js';
import { CHAIN_HEADER, withChain } from '../support/examples.js';
import rule from './retry-amplification.js';

const chain = (outer: string, inner: string, third = '') => `${CHAIN_HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, errorHandling: ${outer} }
  - { id: authorize-payment, from: orders, to: payments, pattern: request-response, errorHandling: ${inner} }
${third}`;

const policies = `errorHandling:
  - { id: r3, timeout: 5s, retry: { maxAttempts: 3 } }
  - { id: r2, timeout: 2s, retry: { maxAttempts: 2 } }
  - { id: once, timeout: 1s }
`;

ruleTester(rule, {
  valid: [
    { name: 'only the outer hop retries', files: withChain(chain('r3', 'once'), policies) },
    { name: 'only the inner hop retries', files: withChain(chain('once', 'r3'), policies) },
    {
      name: 'a call back to the caller is not a chain through it',
      files: withChain(
        chain(
          'r3',
          'once',
          '  - { id: order-status, from: orders, to: webshop, pattern: request-response, errorHandling: r2 }\n',
        ),
        policies,
      ),
    },
  ],
  invalid: [
    {
      name: 'both hops retry',
      files: withChain(chain('r3', 'r2'), policies),
      errors: [
        {
          messageId: 'amplified',
          message:
            'both retry (3 × 2 attempts): when "payments" fails, one request to "orders" becomes 6 calls to "payments"',
          file: 'blueprint.yaml',
          line: 17,
        },
      ],
    },
    {
      name: 'an inline retrying policy counts too',
      files: withChain(chain('r3', '{ timeout: 1s, retry: { maxAttempts: 4 } }'), policies),
      errors: [{ message: '(3 × 4 attempts)', line: 17 }],
    },
  ],
});
