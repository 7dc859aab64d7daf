import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './mediator-kind-mismatch.js';

ruleTester(rule, {
  valid: [
    {
      name: 'calls via the gateway, events via the topic',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
  - { id: b, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
    },
  ],
  invalid: [
    {
      name: 'a call through a topic',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, via: order-topic, contract: { ref: orders-api } }
`),
      errors: [{ messageId: 'mismatch', message: 'goes via "order-topic", a broker-topic', line: 14 }],
    },
  ],
});
