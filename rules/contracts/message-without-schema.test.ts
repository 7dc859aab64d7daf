import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './message-without-schema.js';

const asyncapi2 = (message: string) => `asyncapi: 2.6.0
info: { title: Order events, version: 1.0.0 }
channels:
  orders.order-created.v1:
    subscribe:
      message:
${message}`;

ruleTester(rule, {
  valid: [
    { name: 'AsyncAPI 3 with a payload', files: withContracts(HEADER) },
    {
      name: 'AsyncAPI 2 with a payload',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': asyncapi2(
          '        name: orderCreated\n        payload: { type: object, required: [eventId], properties: { eventId: { type: string } } }\n',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'AsyncAPI 2, inline message without payload',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': asyncapi2(
          '        name: orderCreated\n        summary: An order was created.\n',
        ),
      }),
      errors: [
        {
          messageId: 'noPayload',
          message: 'Message "orderCreated" in contract "order-events" has no `payload` schema',
          file: 'contracts/order-events.asyncapi.yaml',
          line: 6,
        },
      ],
    },
  ],
});
