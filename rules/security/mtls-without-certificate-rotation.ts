import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import { capitalize, eachSecurityPolicy } from '../support/policies.js';

const FLOW = `flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: getOrder }
    security: mesh-identity
`;

const policy = (rotation: string) => `security:
  - id: mesh-identity
    auth:
      model: mtls
      rationale: Both services run in the mesh, which issues workload certificates.
${rotation}      clientId: spiffe://example.com/ns/web/sa/webshop
    transport: { encryption: mtls, minVersion: '1.3' }
`;

export default defineRule({
  meta: {
    id: 'security/mtls-without-certificate-rotation',
    category: 'security',
    severity: 'warning',
    description: 'mTLS policies say how often client certificates are rotated (`auth.rotation`).',
    rationale:
      'Certificates expire: without a planned rotation the integration fails the day the certificate does (a classic outage), or certificates are issued for years so that it never comes up, which turns a stolen private key into years of access. Short-lived, automatically renewed certificates avoid both.',
    sources: [
      'NIST SP 800-57 Part 1: cryptoperiods',
      'SPIFFE/SPIRE: short-lived X.509 SVIDs with automatic rotation',
      'OWASP ASVS 4.0, V9.2: Server communication security',
    ],
    messages: {
      noRotation:
        '{{policy}} authenticates with client certificates (`auth.model: mtls`) but sets no `auth.rotation`: nothing says when certificates are renewed before they expire. Set the rotation period (e.g. `rotation: 30d`, or `24h` for mesh-issued certificates).',
    },
    examples: {
      bad: [
        {
          description: 'Mesh mTLS with no word on certificate renewal',
          files: withPolicies(`${HEADER}${FLOW}`, policy('')),
        },
      ],
      good: [
        {
          description: 'Workload certificates renewed daily',
          files: withPolicies(`${HEADER}${FLOW}`, policy('      rotation: 24h\n')),
        },
      ],
    },
  },
  create(context) {
    return eachSecurityPolicy(({ policy, loc, label }) => {
      if (policy.auth?.model !== 'mtls' || policy.auth.rotation) return;
      context.report({
        messageId: 'noRotation',
        at: loc,
        path: ['auth'],
        data: { policy: capitalize(label) },
      });
    });
  },
});
