import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './untyped-property.js';

const orders = (quantity: string) =>
  withContracts(HEADER, {
    'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
      '                quantity: { type: integer, minimum: 1 }\n',
      `                quantity: ${quantity}\n`,
    ),
  });

ruleTester(rule, {
  valid: [
    { name: 'typed', files: withContracts(HEADER) },
    { name: 'an enum gives a shape', files: orders('{ enum: [1, 2, 3] }') },
    {
      name: 'a composition gives a shape',
      files: orders('{ oneOf: [{ type: integer }, { type: string }] }'),
    },
  ],
  invalid: [
    {
      name: 'only a description',
      files: orders('{ description: How many }'),
      errors: [
        {
          messageId: 'untyped',
          message: 'Property "quantity" in contract "orders-api" has no type',
          file: 'contracts/orders.openapi.yaml',
          line: 25,
        },
      ],
    },
    { name: 'an empty schema', files: orders('{}'), errors: [{ messageId: 'untyped' }] },
  ],
});
