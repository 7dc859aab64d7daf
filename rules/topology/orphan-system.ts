import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/orphan-system',
    category: 'topology',
    severity: 'warning',
    description: 'Every declared system takes part in at least one flow.',
    rationale:
      'A system in scope that exchanges no data is either out of scope (remove it) or has flows nobody has designed yet — the costliest kind of gap, found only when the integration is built.',
    sources: ['Structurizr: unused elements'],
    messages: {
      orphan:
        'System "{{id}}" is declared but no flow goes from or to it. Add its flows, or remove it if it is out of scope.',
    },
    examples: {
      bad: [
        {
          description: 'The warehouse is declared, but no flow reaches it',
          files:
            withContracts(`${HEADER.replace('systems:\n', 'systems:\n  - { id: warehouse, owner: acme/logistics }\n')}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
      good: [
        {
          description: 'Both systems take part in a flow',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
    },
  },
  create(context) {
    const connected = new Set(context.model.flows.flatMap((f) => [f.from, f.to]));
    return {
      system(system) {
        if (!connected.has(system.id))
          context.report({ messageId: 'orphan', at: system.loc, data: { id: system.id } });
      },
    };
  },
});
