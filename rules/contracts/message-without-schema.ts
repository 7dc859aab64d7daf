import { defineRule } from '../../src/engine/rule.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, withContracts } from '../examples.js';
import { asyncMessages } from '../support/contracts.js';

export default defineRule({
  meta: {
    id: 'contracts/message-without-schema',
    category: 'contracts',
    severity: 'error',
    description: 'Every AsyncAPI message has a payload schema.',
    rationale:
      'A message without a payload schema is an untyped pipe: producers put anything on it, consumers parse by guesswork, and neither validation nor the breaking-change check can see what changed. The payload schema is the event contract.',
    sources: [
      'AsyncAPI Specification 3.0: Message Object (payload)',
      'Confluent: Schema Registry and data contracts',
    ],
    messages: {
      noPayload:
        'Message "{{message}}" in contract "{{contract}}" has no `payload` schema, so nothing says what producers send. Add `payload:` with the event schema (type, required fields, properties).',
    },
    examples: {
      bad: [
        {
          description: 'The order-created message has no payload schema',
          files: withContracts(HEADER, {
            'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
              / {6}payload:\n[\s\S]*?orderId: \{ type: string \}\n/,
              '      summary: An order was created.\n',
            ),
          }),
        },
      ],
      good: [{ description: 'The message has a payload schema', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return {
      contract(contract) {
        if (!contract.document) return;
        for (const message of asyncMessages(contract.document, context.model.documents)) {
          if (message.message.payload !== undefined) continue;
          context.report({
            messageId: 'noPayload',
            at: { file: message.file, pointer: message.pointer },
            data: { message: message.name, contract: contract.id },
          });
        }
      },
    };
  },
});
