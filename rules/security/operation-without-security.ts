import { defineRule } from '../../src/engine/rule.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'security/operation-without-security',
    category: 'security',
    severity: 'warning',
    description:
      'Every contract operation states its security requirement (on the operation, the document root, or an AsyncAPI server).',
    rationale:
      'An operation with no security requirement is, as far as the contract says, open to anyone: generated clients send no credentials, gateways configured from the contract enforce none, and API security scanners flag it. An operation that really is public says so explicitly with `security: []`.',
    sources: [
      'OpenAPI Specification 3.1: Security Requirement Object (an empty list removes security explicitly)',
      'OWASP API Security Top 10 (2023): API2 Broken Authentication',
      'Zalando RESTful API Guidelines: secure endpoints (rule 104)',
    ],
    messages: {
      unsecured:
        'Operation `{{operation}}` in contract "{{contract}}" declares no security requirement, and none is inherited from the {{inherit}}. Add `security` (e.g. `- clientCredentials: [orders.read]`), or `security: []` if it is deliberately public.',
    },
    examples: {
      bad: [
        {
          description: 'The document-wide security requirement is missing, so both operations are open',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
              'security:\n  - clientCredentials: [orders.write]\n',
              '',
            ),
          }),
        },
      ],
      good: [
        {
          description: 'A document-wide requirement covers every operation',
          files: withContracts(HEADER),
        },
      ],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const document = contract.document;
        if (!document) return;
        for (const operation of document.operations) {
          if (operation.security !== undefined) continue;
          context.report({
            messageId: 'unsecured',
            at: { file: document.file, pointer: operation.pointer },
            data: {
              operation: operation.key,
              contract: contract.id,
              inherit: document.kind === 'openapi' ? 'document root' : 'servers',
            },
          });
        }
      },
    };
  },
});
