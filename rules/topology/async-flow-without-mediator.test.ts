import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './async-flow-without-mediator.js';

ruleTester(rule, {
  valid: [
    {
      name: 'request-response flows may go direct; async ones have via',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
  - { id: b, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
    },
  ],
  invalid: [
    {
      name: 'event, batch and stream flows without via',
      files: withContracts(`${HEADER}flows:
  - { id: b, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }
  - { id: c, from: orders, to: webshop, pattern: batch, contract: { ref: orders-api } }
  - { id: d, from: orders, to: webshop, pattern: stream, contract: { ref: order-events } }
`),
      errors: [
        { messageId: 'missing', message: 'Event flow "b"', line: 14 },
        { messageId: 'missing', message: 'Batch flow "c"', line: 15 },
        { messageId: 'missing', message: 'Stream flow "d"', line: 16 },
      ],
    },
  ],
});
