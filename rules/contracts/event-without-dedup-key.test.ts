import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, withContracts } from '../examples.js';
import rule from './event-without-dedup-key.js';

const withoutEventId = ORDER_EVENTS_ASYNCAPI.replace(
  'required: [eventId, orderId]',
  'required: [orderId]',
).replace('          eventId: { type: string, format: uuid }\n', '');
const events = (text: string) => withContracts(HEADER, { 'contracts/order-events.asyncapi.yaml': text });

ruleTester(rule, {
  valid: [
    { name: 'eventId in the payload', files: withContracts(HEADER) },
    {
      name: 'an id in the headers',
      files: events(
        withoutEventId.replace(
          '      payload:\n',
          '      headers: { type: object, properties: { ce_id: { type: string } } }\n      payload:\n',
        ),
      ),
    },
    {
      name: 'an id contributed by allOf',
      files: events(
        withoutEventId.replace(
          '        type: object\n        required: [orderId]\n',
          '        type: object\n        allOf: [{ type: object, properties: { messageId: { type: string } } }]\n        required: [orderId]\n',
        ),
      ),
    },
    {
      name: 'a custom id field from options',
      files: events(withoutEventId),
      options: { idFields: ['orderId'] },
    },
  ],
  invalid: [
    {
      name: 'no id anywhere, reported at the message',
      files: events(withoutEventId),
      errors: [
        {
          messageId: 'noId',
          message: 'Message "orderCreated" in contract "order-events" has no event id',
          file: 'contracts/order-events.asyncapi.yaml',
          line: 24,
        },
      ],
    },
  ],
});
