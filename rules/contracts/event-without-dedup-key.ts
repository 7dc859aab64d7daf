import { code } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { LocatedDocument } from '../../src/core/located-document.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, withContracts } from '../examples.js';
import type { AsyncMessage } from '../support/contracts.js';
import { asyncMessages, deref, payloadOf } from '../support/contracts.js';
import { listText } from '../support/policies.js';
import type { Located } from '../support/schema-walk.js';
import { isJson } from '../support/schema-walk.js';

interface Options {
  idFields: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'contracts/event-without-dedup-key',
    category: 'contracts',
    severity: 'warning',
    description:
      'Every event message carries a unique id (in its payload or headers) that consumers deduplicate on.',
    rationale:
      'Brokers deliver at least once: retries, rebalances and replays from the dead-letter queue produce duplicates. A consumer can only recognise one if each event carries an identity of its own (not the entity id: an order has many events). CloudEvents makes `id` mandatory for this reason.',
    sources: [
      'CloudEvents 1.0 specification: id (required, unique per source)',
      'Enterprise Integration Patterns (Hohpe, Woolf): Idempotent Receiver, Message Identifier',
      'Apache Kafka documentation: Message Delivery Semantics',
    ],
    messages: {
      noId: 'Message "{{message}}" in contract "{{contract}}" has no event id ({{fields}}) in its payload or headers, so consumers cannot recognise a redelivered event. Add a required `eventId` (a UUID, unique per event).',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          idFields: {
            type: 'array',
            items: { type: 'string' },
            minItems: 1,
            description: 'Field names accepted as a unique event id.',
          },
        },
      },
      defaults: { idFields: ['eventId', 'event_id', 'messageId', 'message_id', 'id', 'ce_id', 'ce-id'] },
    },
    examples: {
      bad: [
        {
          description: 'The event carries the order id, but nothing that identifies the event itself',
          files: withContracts(HEADER, {
            'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
              'required: [eventId, orderId]',
              'required: [orderId]',
            ).replace('          eventId: { type: string, format: uuid }\n', ''),
          }),
        },
      ],
      good: [{ description: 'Each event has a UUID `eventId`', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    const wanted = new Set(context.options.idFields);
    return {
      contract(contract) {
        if (!contract.document) return;
        for (const message of asyncMessages(contract.document, context.model.documents)) {
          const payload = payloadOf(message, context.model.documents);
          // Without a payload, contracts/message-without-schema reports the message.
          if (!payload) continue;
          const names = [
            ...topLevelNames(payload, context.model.documents),
            ...headerNames(message, context.model.documents),
          ];
          if (names.some((n) => wanted.has(n))) continue;
          context.report({
            messageId: 'noId',
            at: { file: message.file, pointer: message.pointer },
            data: {
              message: message.name,
              contract: contract.id,
              fields: listText(context.options.idFields.slice(0, 3).map((f) => code(f))).replace(
                ' and ',
                ' or ',
              ),
            },
          });
        }
      },
    };
  },
});

function headerNames(message: AsyncMessage, documents: ReadonlyMap<string, LocatedDocument>): string[] {
  if (message.message.headers === undefined) return [];
  return topLevelNames(
    deref(documents, message.file, message.message.headers, `${message.pointer}/headers`),
    documents,
  );
}

/** Property names at the top of a schema, through `$ref` and `allOf`. */
function topLevelNames(
  schema: Located | undefined,
  documents: ReadonlyMap<string, LocatedDocument>,
  depth = 0,
): string[] {
  if (!schema || !isJson(schema.value) || depth > 8) return [];
  const value = schema.value;
  const own = isJson(value.properties) ? Object.keys(value.properties) : [];
  const parts = (Array.isArray(value.allOf) ? value.allOf : []).flatMap((part, i) =>
    topLevelNames(deref(documents, schema.file, part, `${schema.pointer}/allOf/${i}`), documents, depth + 1),
  );
  return [...own, ...parts];
}
