import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './flow-without-contract.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every flow names a contract',
      files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
  - { id: order-created, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }
`),
    },
  ],
  invalid: [
    {
      name: 'one of two flows lacks a contract; the finding points at that flow',
      files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
  - id: order-created
    from: orders
    to: webshop
    pattern: event
`),
      errors: [
        {
          messageId: 'missing',
          message: 'Flow "order-created" (orders → webshop)',
          file: 'blueprint.yaml',
          line: 15,
        },
      ],
    },
  ],
});
