import { defineRule, quoted } from '../../src/engine/rule.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, withContracts } from '../examples.js';
import { asyncMessages, payloadOf } from '../support/contracts.js';
import { walkSchemas } from '../support/schema-walk.js';

export default defineRule({
  meta: {
    id: 'contracts/closed-event-payload',
    category: 'contracts',
    severity: 'warning',
    description:
      'Event payloads that consumers read do not forbid unknown fields (`additionalProperties: false` / `unevaluatedProperties: false`).',
    rationale:
      'An event has many consumers and one producer. If the payload schema forbids unknown fields, every field the producer adds fails validation in every consumer: a backward-compatible addition becomes a breaking change, and the producer must coordinate a release with all consumers at once — the coupling events were chosen to avoid. Consumers should be tolerant readers that ignore what they do not know; closed schemas belong on what a service accepts, not on what it publishes.',
    sources: [
      'Martin Fowler: Tolerant Reader',
      'Confluent Schema Registry: schema evolution and compatibility (open content model for JSON Schema)',
      'Zalando RESTful API Guidelines: prepare clients to accept compatible API extensions (rule 108); avoid additionalProperties (rule 111)',
    ],
    messages: {
      closed:
        'Message "{{message}}" in contract "{{contract}}" sets `{{keyword}}: false`{{where}}, so every field the producer adds breaks {{readers}} at once. Leave the payload open (remove it), have consumers ignore unknown fields, and make removals or renames a new major version on a new channel.',
    },
    examples: {
      bad: [
        {
          description: 'The order-created payload rejects any field it does not list',
          files: withContracts(HEADER, {
            'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
              '        required: [eventId, orderId]\n',
              '        required: [eventId, orderId]\n        additionalProperties: false\n',
            ),
          }),
        },
      ],
      good: [
        {
          description: 'The payload is open: new optional fields are a minor version',
          files: withContracts(HEADER),
        },
      ],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const document = contract.document;
        if (document?.kind !== 'asyncapi') return;
        const readers = new Set(contract.consumers);
        for (const flow of context.model.index.flowsByContract.get(contract.id) ?? []) readers.add(flow.to);
        if (readers.size === 0) return;
        const readerText =
          readers.size === 1
            ? `its consumer ${quoted([...readers][0]!)}`
            : `its ${readers.size} consumers (${[...readers].sort().join(', ')})`;
        for (const message of asyncMessages(document, context.model.documents)) {
          const payload = payloadOf(message, context.model.documents);
          if (!payload) continue;
          walkSchemas(
            context.model.documents,
            payload,
            ({ node, file, pointer, field }) => {
              for (const keyword of ['additionalProperties', 'unevaluatedProperties'] as const) {
                if (node[keyword] !== false) continue;
                context.report({
                  messageId: 'closed',
                  at: { file, pointer: `${pointer}/${keyword}` },
                  data: {
                    message: message.name,
                    contract: contract.id,
                    keyword,
                    where: field.length > 0 ? ` on ${quoted(field.join('.'))}` : '',
                    readers: readerText,
                  },
                });
              }
            },
            { mode: 'once' },
          );
        }
      },
    };
  },
});
