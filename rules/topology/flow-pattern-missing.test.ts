import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './flow-pattern-missing.js';

ruleTester(rule, {
  valid: [
    {
      name: 'all four patterns',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
  - { id: b, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }
  - { id: c, from: orders, to: webshop, pattern: batch, contract: { ref: orders-api } }
  - { id: d, from: orders, to: webshop, pattern: stream, contract: { ref: order-events } }
`),
    },
  ],
  invalid: [
    {
      name: 'the second flow has no pattern',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
  - { id: b, from: orders, to: webshop, contract: { ref: order-events } }
`),
      errors: [{ messageId: 'missing', message: 'Flow "b" (orders → webshop)', line: 15 }],
    },
  ],
});
