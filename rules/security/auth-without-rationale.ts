import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { capitalize, eachSecurityPolicy } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'security/auth-without-rationale',
    category: 'security',
    severity: 'warning',
    description: 'Every auth model comes with the reason it was chosen (`auth.rationale`).',
    rationale:
      'The choice between OAuth 2.0 client credentials, mTLS and API keys is a trade-off (what the peer supports, secret handling, revocation, blast radius of a leak). Writing the reason down lets the security reviewer check it, and tells the next team whether the weaker model was a constraint or an accident.',
    sources: [
      'OWASP ASVS 4.0, V1.2: Authentication architecture',
      'MADR: record the rationale of architecture decisions',
    ],
    messages: {
      missing:
        '{{policy}} uses `auth.model: {{model}}` without saying why. Add `auth.rationale`: what the peer supports, how the secret is protected, why not a stronger model.',
    },
    examples: {
      bad: [
        {
          description: 'An API key, and no word on why not OAuth 2.0 or mTLS',
          files: withPolicies(
            `${HEADER}${SECURE_FLOW}`,
            `security:
  - id: webshop-to-orders
    auth: { model: api-key, rotation: 90d, clientId: webshop }
    transport: { encryption: tls }
`,
          ),
        },
      ],
      good: [
        {
          description: 'The policy says why client credentials were chosen',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachSecurityPolicy(({ policy, loc, label }) => {
      const auth = policy.auth;
      if (!auth || auth.rationale?.trim()) return;
      context.report({
        messageId: 'missing',
        at: loc,
        path: ['auth'],
        data: { policy: capitalize(label), model: auth.model },
      });
    });
  },
});
