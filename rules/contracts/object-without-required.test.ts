import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './object-without-required.js';

ruleTester(rule, {
  valid: [
    { name: 'every object has required', files: withContracts(HEADER) },
    {
      name: 'an explicitly empty required list',
      files: withContracts(HEADER, {
        'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
          '                required: [sku, quantity]\n',
          '                required: []\n',
        ),
      }),
    },
    {
      name: 'objects inside examples are data, not schemas',
      files: withContracts(HEADER, {
        'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
          '                quantity: { type: integer, minimum: 1 }\n',
          '                quantity: { type: integer, minimum: 1 }\n            example: { properties: { a: 1 }, type: object }\n',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'a component schema without required, named, in a referenced file',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
          '          orderId: { type: string }\n',
          "          orderId: { type: string }\n          customer: { $ref: 'shared.yaml#/components/schemas/Customer' }\n",
        ),
        'contracts/shared.yaml':
          'components:\n  schemas:\n    Customer:\n      type: object\n      properties:\n        name: { type: string }\n',
      }),
      errors: [
        {
          messageId: 'noRequired',
          message: 'Object schema "Customer" in contract "order-events"',
          file: 'contracts/shared.yaml',
          line: 3,
        },
      ],
    },
    {
      name: 'a nested property object, named by its field',
      files: withContracts(HEADER, {
        'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
          '                quantity: { type: integer, minimum: 1 }\n',
          '                quantity: { type: integer, minimum: 1 }\n                gift: { type: object, properties: { message: { type: string } } }\n',
        ),
      }),
      errors: [{ messageId: 'noRequired', message: 'Object schema "gift"', line: 26 }],
    },
  ],
});
