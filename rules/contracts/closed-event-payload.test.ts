import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, withContracts } from '../examples.js';
import rule from './closed-event-payload.js';

const closed = (keyword: string, at = '        required: [eventId, orderId]\n') =>
  ORDER_EVENTS_ASYNCAPI.replace(at, `${at}        ${keyword}: false\n`);
const NO_CONSUMERS = HEADER.replace(
  'status: draft, consumers: [webshop], versioning: { strategy: semver } }\n',
  'status: draft, versioning: { strategy: semver } }\n',
).replace(
  '  - { id: order-events, file: contracts/order-events.asyncapi.yaml, owner: acme/orders, status: draft, consumers: [webshop], versioning: { strategy: semver } }\n',
  '  - { id: order-events, file: contracts/order-events.asyncapi.yaml, owner: acme/orders, status: draft, versioning: { strategy: semver } }\n',
);

ruleTester(rule, {
  valid: [
    { name: 'an open payload', files: withContracts(HEADER) },
    {
      name: 'nobody reads it yet',
      files: withContracts(NO_CONSUMERS, {
        'contracts/order-events.asyncapi.yaml': closed('additionalProperties'),
      }),
    },
    {
      name: 'additionalProperties with a schema is open',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
          '        required: [eventId, orderId]\n',
          '        required: [eventId, orderId]\n        additionalProperties: { type: string }\n',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'closed at the top, reported at the keyword',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': closed('additionalProperties'),
      }),
      errors: [
        {
          messageId: 'closed',
          message:
            'Message "orderCreated" in contract "order-events" sets `additionalProperties: false`, so every field the producer adds breaks its consumer "webshop" at once.',
          file: 'contracts/order-events.asyncapi.yaml',
          line: 28,
        },
      ],
    },
    {
      name: 'unevaluatedProperties on a nested object; a flow’s reader counts as a consumer',
      files: withContracts(
        `${NO_CONSUMERS}flows:\n  - { id: f1, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }\n`,
        {
          'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
            '          orderId: { type: string }\n',
            '          orderId: { type: string }\n          customer: { type: object, required: [id], properties: { id: { type: string } }, unevaluatedProperties: false }\n',
          ),
        },
      ),
      errors: [
        {
          message:
            'sets `unevaluatedProperties: false` on "customer", so every field the producer adds breaks its consumer "webshop"',
        },
      ],
    },
  ],
});
