import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './contract-type-mismatch.js';

ruleTester(rule, {
  valid: [
    {
      name: 'batch flows may use either language; unknown contracts are left to unknown-reference',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: batch, contract: { ref: orders-api } }
  - { id: b, from: webshop, to: orders, pattern: batch, contract: { ref: order-events } }
  - { id: c, from: webshop, to: orders, pattern: event, contract: { ref: nothing } }
`),
    },
  ],
  invalid: [
    {
      name: 'request-response over AsyncAPI and a stream over OpenAPI',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: order-events } }
  - { id: b, from: orders, to: webshop, pattern: stream, contract: { ref: orders-api } }
`),
      errors: [
        {
          messageId: 'mismatch',
          message: 'which is AsyncAPI; a request-response flow needs an OpenAPI contract',
          line: 14,
        },
        {
          messageId: 'mismatch',
          message: 'which is OpenAPI; a stream flow needs an AsyncAPI contract',
          line: 15,
        },
      ],
    },
  ],
});
