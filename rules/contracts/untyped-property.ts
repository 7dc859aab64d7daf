import { defineRule } from '../../src/engine/rule.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import { encodeSegment } from '../../src/core/pointer.js';
import { eachContractSchema, isJson } from '../support/schema-walk.js';

/** Keywords that give a property a shape, besides `type`. */
const SHAPING = ['$ref', 'allOf', 'oneOf', 'anyOf', 'enum', 'const', 'properties', 'items', 'not'];

export default defineRule({
  meta: {
    id: 'contracts/untyped-property',
    category: 'contracts',
    severity: 'info',
    description: 'Every property has a type (or a `$ref`, composition, `enum` or `const` that gives it one).',
    rationale:
      'A property without a type accepts anything: a string today, an object tomorrow. Consumers cannot generate types for it, validation lets everything through, and the breaking-change check cannot see a type change it never knew. Typing each field is the cheapest part of a contract.',
    sources: [
      'JSON Schema 2020-12 Validation: type',
      'Zalando RESTful API Guidelines: define format for number and integer types; prefer standard data formats',
    ],
    messages: {
      untyped:
        'Property "{{property}}" in contract "{{contract}}" has no type: any value passes and generated clients type it as `any`. Add `type` (and `format` where it applies), or a `$ref` to its schema.',
    },
    examples: {
      bad: [
        {
          description: 'The quantity could be anything',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
              '                quantity: { type: integer, minimum: 1 }\n',
              '                quantity: { description: How many }\n',
            ),
          }),
        },
      ],
      good: [{ description: 'Every property is typed', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return eachContractSchema(context.model, ({ node, file, pointer }, contract) => {
      if (!isJson(node.properties)) return;
      for (const [name, property] of Object.entries(node.properties)) {
        if (!isJson(property) || property.type !== undefined) continue;
        if (SHAPING.some((keyword) => property[keyword] !== undefined)) continue;
        context.report({
          messageId: 'untyped',
          at: { file, pointer: `${pointer}/properties/${encodeSegment(name)}` },
          data: { property: name, contract: contract.id },
        });
      }
    });
  },
});
