import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { flowLabel, securityOf } from '../support/policies.js';

const header = HEADER.replace(
  '  - { id: orders, owner: acme/orders }\n',
  '  - { id: orders, owner: acme/orders }\n  - { id: crm, owner: acme/crm, type: saas, external: true }\n',
);

const FLOW = `flows:
  - id: sync-customer
    from: orders
    to: crm
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: createOrder }
    dataClassification: confidential
    security: webshop-to-orders
`;

interface Options {
  classifications: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'security/external-sensitive-without-encryption',
    category: 'security',
    severity: 'error',
    description:
      'A flow carrying confidential or restricted data to or from an external system is encrypted in transit (`transport.encryption: tls | mtls`).',
    rationale:
      'Traffic to a SaaS or partner crosses networks nobody in the organisation controls. Without TLS, confidential data is readable and modifiable by anyone on the path; regulations (GDPR Art. 32, PCI DSS Req. 4) require strong cryptography for exactly this case. Writing `encryption: tls` down also makes the minimum version reviewable.',
    sources: [
      'OWASP ASVS 4.0, V9.1: Client communication security (TLS for all connections)',
      'PCI DSS v4.0, Req. 4.2: strong cryptography over open, public networks',
      'GDPR Art. 32: security of processing (encryption)',
    ],
    messages: {
      unencrypted:
        'Flow {{flow}} carries {{classification}} data {{direction}} external system "{{external}}", but {{policy}} {{why}}. Set `transport: { encryption: tls, minVersion: "1.3" }` (or mtls).',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          classifications: {
            type: 'array',
            items: { enum: ['public', 'internal', 'confidential', 'restricted'] },
            description: 'Data classifications that must be encrypted across the organisation boundary.',
          },
        },
      },
      defaults: { classifications: ['confidential', 'restricted'] },
    },
    examples: {
      bad: [
        {
          description: 'Customer data to a SaaS CRM, with nothing said about encryption',
          files: withPolicies(
            `${header}${FLOW}`,
            `security:\n${SECURITY_POLICY.replace("    transport: { encryption: tls, minVersion: '1.3' }\n", '')}`,
          ),
        },
      ],
      good: [
        {
          description: 'TLS 1.3 to the CRM',
          files: withPolicies(`${header}${FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const classification = flow.dataClassification;
        if (!classification || !context.options.classifications.includes(classification)) return;
        const to = flow.resolved.to;
        const from = flow.resolved.from;
        const external = to?.external ? to : from?.external ? from : undefined;
        if (!external) return;
        const { policy, at, path, name, dangling } = securityOf(flow);
        if (dangling) return;
        const encryption = policy?.transport?.encryption;
        if (encryption === 'tls' || encryption === 'mtls') return;
        context.report({
          messageId: 'unencrypted',
          at,
          path,
          data: {
            flow: flowLabel(flow),
            classification,
            direction: external === to ? 'to' : 'from',
            external: external.id,
            policy: name ?? 'its security policy',
            why: !policy
              ? 'does not exist'
              : encryption === 'none'
                ? 'sets `transport.encryption: none`'
                : 'does not require encryption in transit',
          },
        });
      },
    };
  },
});
