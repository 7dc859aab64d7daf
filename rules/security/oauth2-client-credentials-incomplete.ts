import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { capitalize, eachSecurityPolicy, listText } from '../support/policies.js';

const MISSING = {
  tokenUrl: 'the token endpoint (`tokenUrl`)',
  scopes: 'the scopes requested (`scopes`)',
  tokenTtl: 'how long tokens live (`tokenTtl`)',
} as const;

export default defineRule({
  meta: {
    id: 'security/oauth2-client-credentials-incomplete',
    category: 'security',
    severity: 'warning',
    description: 'OAuth 2.0 client credentials name the token endpoint, the scopes and the token lifetime.',
    rationale:
      'The security of client credentials lies in the details: which authorization server issues the token, which scopes limit what a stolen token can do (least privilege), and how long it stays valid. Left open, teams request broad scopes and long-lived tokens because it is easier, and a leaked token is a long-lived master key.',
    sources: [
      'RFC 6749 §4.4: Client Credentials Grant',
      'RFC 9700: Best Current Practice for OAuth 2.0 Security (least privilege, token lifetimes)',
      'OWASP ASVS 4.0, V3.5: Token-based session management',
    ],
    messages: {
      incomplete:
        '{{policy}} uses OAuth 2.0 client credentials but does not name {{missing}}. Add them, so the token is scoped to what this flow needs and expires soon after a leak.',
    },
    examples: {
      bad: [
        {
          description: 'Client credentials with no scopes and no token lifetime',
          files: withPolicies(
            `${HEADER}${SECURE_FLOW}`,
            `security:
  - id: webshop-to-orders
    auth:
      model: oauth2-client-credentials
      rationale: Tokens from our identity provider, validated at the gateway.
      tokenUrl: https://auth.example.com/oauth2/token
      clientId: webshop
    transport: { encryption: tls }
`,
          ),
        },
      ],
      good: [
        {
          description: 'Token endpoint, one scope, 15-minute tokens',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return eachSecurityPolicy(({ policy, loc, label }) => {
      const auth = policy.auth;
      if (auth?.model !== 'oauth2-client-credentials') return;
      const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter((field) =>
        field === 'scopes' ? !auth.scopes?.length : !auth[field],
      );
      if (missing.length === 0) return;
      context.report({
        messageId: 'incomplete',
        at: loc,
        path: ['auth'],
        data: { policy: capitalize(label), missing: listText(missing.map((f) => MISSING[f])) },
      });
    });
  },
});
