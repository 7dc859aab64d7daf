import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './unknown-operation.js';

ruleTester(rule, {
  valid: [
    {
      name: 'operationId, method + path (any case), AsyncAPI operation, channel id and address, message',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: createOrder } }
  - { id: b, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: 'get /orders/{orderId}' } }
  - { id: c, from: orders, to: webshop, pattern: event, contract: { ref: order-events, operation: publishOrderCreated, channel: orderCreated, message: orderCreated } }
  - { id: d, from: orders, to: webshop, pattern: event, contract: { ref: order-events, channel: orders.order-created.v1 } }
`),
    },
  ],
  invalid: [
    {
      name: 'unknown operation, channel and message each name what exists',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api, operation: 'DELETE /orders' } }
  - { id: c, from: orders, to: webshop, pattern: event, contract: { ref: order-events, channel: orderShipped } }
  - { id: d, from: orders, to: webshop, pattern: event, contract: { ref: order-events, channel: orderCreated, message: orderShipped } }
`),
      errors: [
        { messageId: 'operation', message: 'Known operations: createOrder, getOrder', line: 14 },
        { messageId: 'channel', message: 'Known channels: orderCreated', line: 15 },
        { messageId: 'message', message: 'Known messages: orderCreated', line: 16 },
      ],
    },
  ],
});
