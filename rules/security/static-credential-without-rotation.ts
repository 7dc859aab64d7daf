import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, withPolicies } from '../support/examples.js';
import { capitalize, eachSecurityPolicy } from '../support/policies.js';

/** Models whose secret is a long-lived shared value rather than an issued token or certificate. */
const STATIC_MODELS = new Set(['api-key', 'basic', 'sasl-scram']);

const policy = (rotation: string) => `security:
  - id: webshop-to-orders
    auth:
      model: api-key
      rationale: The orders gateway plugin for this legacy client supports only API keys.
${rotation}      clientId: webshop
      credential: vault:kv/webshop/orders-api-key
    transport: { encryption: tls }
`;

export default defineRule({
  meta: {
    id: 'security/static-credential-without-rotation',
    category: 'security',
    severity: 'warning',
    description:
      'API keys, basic-auth passwords and SASL/SCRAM secrets have a rotation period (`auth.rotation`).',
    rationale:
      'A static secret never expires on its own: once copied into a log, a laptop or a former employee’s notes it works until someone rotates it. A declared rotation period (and the procedure behind it) bounds the damage of an undetected leak and makes sure rotation is possible without an outage before it is needed in an incident.',
    sources: [
      'OWASP ASVS 4.0, V2.10: Service authentication (no static, unrotated secrets)',
      'OWASP Secrets Management Cheat Sheet: rotation',
      'NIST SP 800-57 Part 1: cryptoperiods',
    ],
    messages: {
      noRotation:
        '{{policy}} authenticates with a static secret (`auth.model: {{model}}`) and sets no `auth.rotation`: a leaked secret stays valid indefinitely. Set a rotation period (e.g. `rotation: 90d`) and keep the secret in a vault (`auth.credential`).',
    },
    examples: {
      bad: [
        {
          description: 'An API key that is never rotated',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('')),
        },
      ],
      good: [
        {
          description: 'The API key is rotated every 90 days',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('      rotation: 90d\n')),
        },
      ],
    },
  },
  create(context) {
    return eachSecurityPolicy(({ policy, loc, label }) => {
      const auth = policy.auth;
      if (!auth || !STATIC_MODELS.has(auth.model) || auth.rotation) return;
      context.report({
        messageId: 'noRotation',
        at: loc,
        path: ['auth'],
        data: { policy: capitalize(label), model: auth.model },
      });
    });
  },
});
