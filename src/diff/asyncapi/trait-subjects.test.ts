/**
 * A change written in a message trait that several messages apply is named by the trait, as a
 * shared schema's change is named by the schema: not by the first message the diff met.
 */
import { describe, expect, it } from 'vitest';
import { diffTexts } from '../../../test/support/diff-pair.js';

/** Three messages on two channels applying one trait with these headers' `required` and key type. */
const events = (required: string, keyType: string) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      created: { $ref: '#/components/messages/OrderCreated' }
      shipped: { $ref: '#/components/messages/OrderShipped' }
  refunds:
    address: refunds
    messages:
      refunded: { $ref: '#/components/messages/Refunded' }
operations:
  orderCreated: { action: send, channel: { $ref: '#/channels/orders' } }
  refunded: { action: send, channel: { $ref: '#/channels/refunds' } }
components:
  messages:
    OrderCreated:
      payload: { type: object }
      traits: [{ $ref: '#/components/messageTraits/Traced' }]
    OrderShipped:
      payload: { type: object }
      traits: [{ $ref: '#/components/messageTraits/Traced' }]
    Refunded:
      payload: { type: object }
      traits: [{ $ref: '#/components/messageTraits/Traced' }]
  messageTraits:
    Traced:
      headers: { type: object, ${required} properties: { traceId: { type: string } } }
      bindings: { kafka: { key: { type: ${keyType} } } }
`;

describe('a change in a message trait several messages apply', () => {
  it('is named by the trait, not by the first message met', async () => {
    const result = await diffTexts(events('required: [traceId],', 'string'), events('', 'integer'));
    expect(result.changes.map((c) => `${c.id}: ${c.message.split(' — ')[0]}`).sort()).toEqual([
      'kafka-message-key-changed: Message trait `Traced` changed its Kafka key from `{"type":"string"}` to `{"type":"integer"}`',
      'response-property-became-optional: Header field `traceId` of message trait `Traced` became optional',
    ]);
  });

  it('lists the messages it reaches, which are more than its operations', async () => {
    const result = await diffTexts(events('required: [traceId],', 'string'), events('', 'integer'));
    const reached =
      'Affects 3 messages: `created` on `orders`, `shipped` on `orders`, `refunded` on `refunds`.';
    for (const change of result.changes) expect(change.message, change.id).toContain(reached);
  });
});
