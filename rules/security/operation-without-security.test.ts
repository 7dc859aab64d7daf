import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './operation-without-security.js';

const noRootSecurity = ORDERS_OPENAPI.replace('security:\n  - clientCredentials: [orders.write]\n', '');

ruleTester(rule, {
  valid: [
    { name: 'document-wide security (OpenAPI) and server security (AsyncAPI)', files: withContracts(HEADER) },
    {
      name: 'an operation that is explicitly public',
      files: withContracts(HEADER, {
        'contracts/orders.openapi.yaml': noRootSecurity
          .replace(
            '      operationId: createOrder\n',
            '      operationId: createOrder\n      security: [{ clientCredentials: [] }]\n',
          )
          .replace('      operationId: getOrder\n', '      operationId: getOrder\n      security: []\n'),
      }),
    },
  ],
  invalid: [
    {
      name: 'only one operation has its own requirement',
      files: withContracts(HEADER, {
        'contracts/orders.openapi.yaml': noRootSecurity.replace(
          '      operationId: createOrder\n',
          '      operationId: createOrder\n      security: [{ clientCredentials: [] }]\n',
        ),
      }),
      errors: [
        {
          messageId: 'unsecured',
          message:
            'Operation `GET /orders/{orderId}` in contract "orders-api" declares no security requirement, and none is inherited from the document root.',
          file: 'contracts/orders.openapi.yaml',
          line: 47,
        },
      ],
    },
    {
      name: 'an AsyncAPI server without security',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
          "    security:\n      - $ref: '#/components/securitySchemes/scram'\n",
          '',
        ),
      }),
      errors: [
        {
          messageId: 'unsecured',
          message: 'Operation `publishOrderCreated` in contract "order-events"',
          file: 'contracts/order-events.asyncapi.yaml',
        },
      ],
    },
  ],
});
