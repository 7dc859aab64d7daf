import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'topology/unknown-reference',
    category: 'topology',
    severity: 'error',
    description:
      'Every name a flow or contract uses (systems, components, contracts, policies, ADRs, requirements) is declared in the blueprint.',
    rationale:
      'A reference to something that is not declared is either a typo or a piece of the design nobody wrote down. Either way the review cannot check it, owners cannot be found for sign-off, and the topology diagram is wrong.',
    sources: ['Structurizr: model consistency', 'Backstage catalog: entity references'],
    messages: {
      system:
        'Flow "{{flow}}" names {{field}} system "{{name}}", which is not declared under `systems`. Declare it or fix the id.',
      component:
        'Flow "{{flow}}" is mediated `via` "{{name}}", which is not declared under `components`. Declare the platform component or fix the id.',
      contract:
        'Flow "{{flow}}" uses contract "{{name}}", which is not in the `contracts` registry. Register the contract (id, file, owner) or fix the id.',
      policy:
        'Flow "{{flow}}" names {{field}} policy "{{name}}", which no file under policies/ declares. Declare it there or write the policy inline.',
      decision: 'Flow "{{flow}}" cites decision "{{name}}", but no ADR under adr/ has that path or id.',
      requirement:
        'Flow "{{flow}}" serves requirement "{{name}}", which is not declared under `requirements`.',
      consumer:
        'Contract "{{contract}}" lists {{field}} "{{name}}", which is not a declared system. Consumers and providers must be systems so their owners can sign off.',
    },
    examples: {
      bad: [
        {
          description: 'The flow goes to a system that is not declared (a typo: `order` for `orders`)',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: order, pattern: request-response, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
      good: [
        {
          description: 'Every name resolves',
          files: withContracts(`${HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, via: gateway, contract: { ref: orders-api } }
`),
        },
      ],
    },
  },
  create(context) {
    const requirementIds = new Set(context.model.requirements.map((r) => r.id));
    const systemIds = new Set(context.model.systems.map((s) => s.id));
    return {
      flow(flow) {
        const report = (messageId: string, field: string, name: string, path: (string | number)[]) =>
          context.report({ messageId, at: flow.loc, path, data: { flow: flow.id, field, name } });
        if (!flow.resolved.from) report('system', 'source', flow.from, ['from']);
        if (!flow.resolved.to) report('system', 'target', flow.to, ['to']);
        if (flow.via !== undefined && !flow.resolved.via) report('component', 'via', flow.via, ['via']);
        if (flow.contract && !flow.resolved.contract)
          report('contract', 'contract', flow.contract.ref, ['contract', 'ref']);
        if (flow.errorHandling?.name !== undefined && !flow.errorHandling.policy) {
          report('policy', 'error-handling', flow.errorHandling.name, ['errorHandling']);
        }
        if (flow.security?.name !== undefined && !flow.security.policy)
          report('policy', 'security', flow.security.name, ['security']);
        if (flow.decision !== undefined && !flow.resolved.decision)
          report('decision', 'decision', flow.decision, ['decision']);
        flow.requirements.forEach((id, i) => {
          if (!requirementIds.has(id)) report('requirement', 'requirement', id, ['requirements', i]);
        });
      },
      contract(contract) {
        contract.consumers.forEach((name, i) => {
          if (!systemIds.has(name)) {
            context.report({
              messageId: 'consumer',
              at: contract.loc,
              path: ['consumers', i],
              data: { contract: contract.id, field: 'consumer', name },
            });
          }
        });
        if (contract.provider !== undefined && !systemIds.has(contract.provider)) {
          context.report({
            messageId: 'consumer',
            at: contract.loc,
            path: ['provider'],
            data: { contract: contract.id, field: 'provider', name: contract.provider },
          });
        }
      },
    };
  },
});
