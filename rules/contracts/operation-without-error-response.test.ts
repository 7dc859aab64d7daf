import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './operation-without-error-response.js';

const orders = (change: (text: string) => string) =>
  withContracts(HEADER, { 'contracts/orders.openapi.yaml': change(ORDERS_OPENAPI) });
const DEFAULT_OF_GET = /(operationId: getOrder[\s\S]*?) {8}default:\n[\s\S]*?status: \{ type: integer \}\n/;

ruleTester(rule, {
  valid: [
    { name: 'default responses', files: withContracts(HEADER) },
    {
      name: 'a 4XX range counts',
      files: orders((t) =>
        t.replace(DEFAULT_OF_GET, "$1        '4XX':\n          description: Client error\n"),
      ),
    },
    {
      name: 'a specific 404 counts',
      files: orders((t) =>
        t.replace(DEFAULT_OF_GET, "$1        '404':\n          description: No such order\n"),
      ),
    },
  ],
  invalid: [
    {
      name: 'only 200, reported at the responses',
      files: orders((t) => t.replace(DEFAULT_OF_GET, '$1')),
      errors: [
        {
          messageId: 'noError',
          message: 'Operation `GET /orders/{orderId}` in contract "orders-api" documents no error response',
          file: 'contracts/orders.openapi.yaml',
          line: 55,
        },
      ],
    },
  ],
});
