import { token } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Loc } from '../../src/model/types.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/duplicate-id',
    category: 'topology',
    severity: 'error',
    description:
      'Ids of systems, components, contracts, flows, requirements and policies are unique (across included files too).',
    rationale:
      'Every reference resolves to the first declaration with that id; a second one is silently ignored, so its owner, contract or policy never takes effect. This happens easily once a topology is split over several included files.',
    sources: ['Backstage catalog: entity name uniqueness'],
    messages: {
      duplicate:
        '{{kind}} id "{{id}}" is declared again here (first at {{first}}). References resolve to the first one, so this declaration is ignored; rename or merge them.',
    },
    examples: {
      bad: [
        {
          description: 'Two flows with the same id',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
  - { id: place-order, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
        },
      ],
      good: [
        {
          description: 'Distinct ids',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
  - { id: order-created, from: orders, to: webshop, pattern: event, via: order-topic, contract: { ref: order-events } }
`),
        },
      ],
    },
  },
  create(context) {
    return {
      blueprint(model) {
        const groups: [string, { id: string; loc: Loc }[]][] = [
          ['System', model.systems],
          ['Component', model.components],
          ['Contract', model.contracts],
          ['Flow', model.flows],
          ['Requirement', model.requirements],
          ['Error-handling policy', model.errorHandlingPolicies],
          ['Security policy', model.securityPolicies],
        ];
        for (const [kind, elements] of groups) {
          const first = new Map<string, Loc>();
          for (const element of elements) {
            const seen = first.get(element.id);
            if (!seen) {
              first.set(element.id, element.loc);
              continue;
            }
            const line = model.documents.get(seen.file)?.rangeOf(seen.pointer).start.line;
            context.report({
              messageId: 'duplicate',
              at: element.loc,
              path: ['id'],
              data: { kind, id: element.id, first: `${token(seen.file)}${line ? ':' + line : ''}` },
            });
          }
        }
      },
    };
  },
});
