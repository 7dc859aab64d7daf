import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { flowLabel, securityOf } from '../support/policies.js';

interface Options {
  /** Classifications for which `auth.model: none` is reported. */
  classifications: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'security/flow-without-auth',
    category: 'security',
    severity: 'error',
    description:
      'Every flow says how the caller (or producer) authenticates: a security policy with `auth.model`.',
    rationale:
      'Service-to-service traffic inside a network perimeter is not trusted traffic: a compromised pod, a misrouted request or a test client can call anything that does not check identity. Zero-trust guidance and OWASP ASVS require every service-to-service call to be authenticated, and the review is where the choice of model is made explicit.',
    sources: [
      'OWASP ASVS 4.0, V1.4 and V13: service-to-service authentication',
      'NIST SP 800-207: Zero Trust Architecture',
      'OWASP API Security Top 10 (2023): API2 Broken Authentication',
    ],
    messages: {
      noPolicy:
        'Flow {{flow}} has no security policy, so nothing says how "{{to}}" knows who is calling. Add `security:` naming a policy with `auth: { model, rationale }` (e.g. oauth2-client-credentials or mtls).',
      noAuth:
        'Flow {{flow}} uses {{policy}}, which has no `auth` block: the caller’s identity is not checked. Add `auth: { model, rationale }` to the policy.',
      noneForSensitive:
        'Flow {{flow}} carries {{classification}} data with `auth.model: none` in {{policy}}: anyone who can reach "{{to}}" can read or write it. Choose an authenticated model (oauth2-client-credentials, mtls, …).',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          classifications: {
            type: 'array',
            items: { enum: ['public', 'internal', 'confidential', 'restricted'] },
            description: 'Data classifications for which `auth.model: none` is reported.',
          },
        },
      },
      defaults: { classifications: ['internal', 'confidential', 'restricted'] },
    },
    examples: {
      bad: [
        {
          description: 'A call into the orders system with no security policy',
          files: withPolicies(`${HEADER}${SECURE_FLOW.replace('    security: webshop-to-orders\n', '')}`, ''),
        },
      ],
      good: [
        {
          description: 'OAuth 2.0 client credentials, with the reason for choosing them',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const { policy, at, path, name, dangling } = securityOf(flow);
        if (dangling) return;
        const data = { flow: flowLabel(flow), to: flow.to };
        if (!policy) context.report({ messageId: 'noPolicy', at, path, data });
        else if (!policy.auth)
          context.report({ messageId: 'noAuth', at, path, data: { ...data, policy: name! } });
        else if (
          policy.auth.model === 'none' &&
          context.options.classifications.includes(flow.dataClassification ?? 'internal')
        )
          context.report({
            messageId: 'noneForSensitive',
            at,
            path,
            data: { ...data, policy: name!, classification: flow.dataClassification ?? 'internal' },
          });
      },
    };
  },
});
