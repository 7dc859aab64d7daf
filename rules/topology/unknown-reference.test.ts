import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './unknown-reference.js';

const POLICIES = `apiVersion: blueprint-review/v1
kind: Policies
errorHandling:
  - { id: standard-sync, timeout: 2s }
security:
  - { id: internal-oauth, auth: { model: oauth2-client-credentials } }
`;
const ADR = `---
status: accepted
---
# Use the API gateway
`;

ruleTester(rule, {
  valid: [
    {
      name: 'systems, components, contracts, policies, ADR (by path and id) and requirements all resolve',
      files: withContracts(
        `${HEADER}requirements:
  - { id: BR-1, description: Orders are placed online }
flows:
  - id: place-order
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api }
    errorHandling: standard-sync
    security: internal-oauth
    decision: adr/0001-use-gateway.md
    requirements: [BR-1]
  - { id: place-order-2, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api }, decision: 0001-use-gateway }
`,
        { 'policies/policies.yaml': POLICIES, 'adr/0001-use-gateway.md': ADR },
      ),
    },
  ],
  invalid: [
    {
      name: 'each kind of dangling reference is reported at its own field',
      files: withContracts(`${HEADER}flows:
  - id: place-order
    from: web-shop
    to: orders
    pattern: request-response
    via: gatewy
    contract: { ref: order-api }
    errorHandling: standard
    security: oauth
    decision: adr/0009-missing.md
    requirements: [BR-9]
`),
      errors: [
        { messageId: 'system', message: 'source system "web-shop"', line: 15 },
        { messageId: 'component', message: '"gatewy"', line: 18 },
        { messageId: 'contract', message: '"order-api"', line: 19 },
        { messageId: 'policy', message: 'error-handling policy "standard"', line: 20 },
        { messageId: 'policy', message: 'security policy "oauth"', line: 21 },
        { messageId: 'decision', message: '"adr/0009-missing.md"', line: 22 },
        { messageId: 'requirement', message: '"BR-9"', line: 23 },
      ],
    },
    {
      name: 'a contract consumer that is not a system',
      files: withContracts(
        HEADER.replace(
          'consumers: [webshop], versioning: { strategy: semver } }\n  - { id: order-events',
          'consumers: [webshop, billing], versioning: { strategy: semver } }\n  - { id: order-events',
        ) +
          `flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
`,
      ),
      errors: [
        { messageId: 'consumer', message: 'Contract "orders-api" lists consumer "billing"', line: 11 },
      ],
    },
  ],
});
