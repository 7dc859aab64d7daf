import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import rule from './retry-non-idempotent-operation.js';

const flow = (operation: string) => `${HEADER}flows:
  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    contract: { ref: orders-api, operation: '${operation}' }
    errorHandling: p
`;

const retrying = 'errorHandling:\n  - { id: p, timeout: 5s, retry: { maxAttempts: 3 } }\n';

ruleTester(rule, {
  valid: [
    { name: 'GET is idempotent', files: withPolicies(flow('getOrder'), retrying) },
    {
      name: 'POST with an idempotency key',
      files: withPolicies(
        flow('createOrder'),
        'errorHandling:\n  - { id: p, timeout: 5s, retry: { maxAttempts: 3 }, idempotency: { key: Idempotency-Key } }\n',
      ),
    },
    {
      name: 'POST without retries',
      files: withPolicies(flow('createOrder'), 'errorHandling:\n  - { id: p, timeout: 5s }\n'),
    },
    { name: 'an operation the contract does not have', files: withPolicies(flow('deleteOrder'), retrying) },
  ],
  invalid: [
    {
      name: 'retried POST named by operationId',
      files: withPolicies(flow('createOrder'), retrying),
      errors: [
        {
          messageId: 'unsafeRetry',
          message:
            'Flow "place-order" (webshop → orders) retries `POST /orders` up to 3 attempts, but POST is not idempotent and policy "p"',
          file: 'blueprint.yaml',
          line: 19,
        },
      ],
    },
    {
      name: 'retried POST named by method and path',
      files: withPolicies(flow('post /orders'), retrying),
      errors: [{ messageId: 'unsafeRetry', message: '`POST /orders`' }],
    },
  ],
});
