import { decodeSegment } from '../../src/core/pointer.js';
import { defineRule, quoted } from '../../src/engine/rule.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import { eachContractSchema, isJson, isObjectSchema } from '../support/schema-walk.js';

export default defineRule({
  meta: {
    id: 'contracts/object-without-required',
    category: 'contracts',
    severity: 'info',
    description: 'Object schemas with properties say which are mandatory (`required`, possibly empty).',
    rationale:
      'Without a `required` list every field is optional, so consumers must null-check everything and the provider may drop any field without it counting as a breaking change. The mandatory/optional split is the core of a payload contract; `required: []` states explicitly that everything is optional.',
    sources: [
      'JSON Schema 2020-12 Validation: required',
      'Zalando RESTful API Guidelines: define and use mandatory fields explicitly',
      'OpenAPI Specification 3.1: Schema Object',
    ],
    messages: {
      noRequired:
        '{{schema}} in contract "{{contract}}" lists properties but no `required`: every field is optional, and removing one will not count as breaking. Add `required: [...]` with the mandatory fields (or `required: []` if all are optional).',
    },
    examples: {
      bad: [
        {
          description: 'The order response says nothing about which fields are always there',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
              '                required: [orderId]\n                properties:\n                  orderId: { type: string }\n        default:',
              '                properties:\n                  orderId: { type: string }\n        default:',
            ),
          }),
        },
      ],
      good: [{ description: 'Every object lists its required fields', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return eachContractSchema(context.model, ({ node, file, pointer, field }, contract) => {
      if (!isObjectSchema(node) || !isJson(node.properties)) return;
      if (Object.keys(node.properties).length === 0 || node.required !== undefined) return;
      const name =
        /^\/(?:components\/schemas|definitions|\$defs)\/([^/]+)$/.exec(pointer)?.[1] ?? field.at(-1);
      context.report({
        messageId: 'noRequired',
        at: { file, pointer },
        data: {
          schema: name ? `Object schema ${quoted(decodeSegment(name))}` : 'An object schema',
          contract: contract.id,
        },
      });
    });
  },
});
