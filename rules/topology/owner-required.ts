import { defineRule } from '../../src/engine/rule.js';
import { withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/owner-required',
    category: 'topology',
    severity: 'error',
    description:
      'Every system, platform component and contract has an `owner` (a GitHub team `org/slug` or a user).',
    rationale:
      'Owners are who sign off: the gate asks the owners of consuming systems to approve contract changes and the contract owner to approve its evolution. Without an owner, nobody is asked, and changes slip through unreviewed.',
    sources: ['Backstage catalog: spec.owner', 'GitHub CODEOWNERS'],
    messages: {
      system:
        'System "{{id}}" has no `owner`. Add the GitHub team that runs it (e.g. `owner: acme/payments`): its members sign off changes to flows it is part of.',
      component:
        'Platform component "{{id}}" has no `owner`. Add the team that operates it (usually the integration platform team).',
      contract:
        'Contract "{{id}}" has no `owner`. Add the team that owns the API or event stream: it approves every change to the contract.',
    },
    examples: {
      bad: [
        {
          description: 'A system and a contract without owner',
          files: withContracts(`apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: example }
systems:
  - { id: webshop }
  - { id: orders, owner: acme/orders }
contracts:
  - { id: orders-api, file: contracts/orders.openapi.yaml, status: draft, consumers: [webshop] }
flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
`),
        },
      ],
      good: [
        {
          description: 'Everything has an owner',
          files: withContracts(`apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: example }
systems:
  - { id: webshop, owner: acme/web }
  - { id: orders, owner: acme/orders }
contracts:
  - { id: orders-api, file: contracts/orders.openapi.yaml, owner: acme/orders, status: draft, consumers: [webshop] }
flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
`),
        },
      ],
    },
  },
  create(context) {
    const check = (
      messageId: string,
      element: { id: string; owner?: string; loc: { file: string; pointer: string } },
    ) => {
      if (element.owner === undefined)
        context.report({ messageId, at: element.loc, data: { id: element.id } });
    };
    return {
      system: (s) => check('system', s),
      component: (c) => check('component', c),
      contract: (c) => check('contract', c),
    };
  },
});
