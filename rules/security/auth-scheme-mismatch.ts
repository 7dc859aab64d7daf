import { code } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import { describeScheme, matchingSchemes } from '../support/auth-schemes.js';
import { flowLabel, listText, securityOf } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'security/auth-scheme-mismatch',
    category: 'security',
    severity: 'error',
    description:
      "A flow's `auth.model` matches a security scheme its contract declares for the operation it uses.",
    rationale:
      'The contract is what the provider implements and what consumers generate clients from; the blueprint is what the security review approved. When they disagree (the blueprint says mTLS, the contract says API key), one of them is wrong, and the implementation follows the contract. Checking the two against each other catches the drift at review time.',
    sources: [
      'OpenAPI Specification 3.1: Security Scheme Object and Security Requirement Object',
      'AsyncAPI Specification 3.0: Security Scheme Object',
      'OWASP ASVS 4.0, V1.4: Access control architecture',
    ],
    messages: {
      mismatch:
        'Flow {{flow}} authenticates with `{{model}}` ({{policy}}), but {{where}} of contract "{{contract}}" only declares {{schemes}}. Declare a matching security scheme in the contract, or correct `auth.model`.',
      undeclared:
        'Flow {{flow}} authenticates with `{{model}}` ({{policy}}), but operation {{operation}} of contract "{{contract}}" requires {{required}}, which the contract does not declare as a security scheme. Declare it in the contract (or correct the requirement\'s name), so the requirement can be checked against `auth.model`.',
      noSchemes:
        'Flow {{flow}} authenticates with `{{model}}` ({{policy}}), but contract "{{contract}}" declares no security scheme at all. Add one to `components.securitySchemes` and require it on the operations.',
    },
    examples: {
      bad: [
        {
          description: 'The blueprint says API key; the contract only knows OAuth 2.0 client credentials',
          files: withPolicies(
            `${HEADER}${SECURE_FLOW}`,
            `security:
  - id: webshop-to-orders
    auth: { model: api-key, rationale: Simple for the webshop team., rotation: 90d, clientId: webshop }
    transport: { encryption: tls }
`,
          ),
        },
      ],
      good: [
        {
          description:
            'Client credentials in the blueprint, an oauth2 clientCredentials scheme in the contract',
          files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const target = context.model.index.contractTarget(flow);
        const { policy, at, path, name } = securityOf(flow);
        const model = policy?.auth?.model;
        if (!target || !model || model === 'none') return;
        const { document, operation } = target;
        const required = operation?.security?.length ? operation.security : undefined;
        const candidates = required
          ? document.securitySchemes.filter((s) => required.includes(s.name))
          : document.securitySchemes;
        const matches = matchingSchemes(model, document, candidates);
        if (matches === undefined || matches.length > 0) return;
        const data = { flow: flowLabel(flow), model, policy: name!, contract: flow.contract!.ref };
        if (document.securitySchemes.length === 0) {
          context.report({ messageId: 'noSchemes', at, path, data });
          return;
        }
        // Only names the contract never declares: nothing to compare `auth.model` with, and an empty
        // list of schemes to name ("only declares ." before).
        if (required && candidates.length === 0) {
          context.report({
            messageId: 'undeclared',
            at,
            path,
            data: { ...data, operation: code(operation!.key), required: listText(required.map(code)) },
          });
          return;
        }
        context.report({
          messageId: 'mismatch',
          at,
          path,
          data: {
            ...data,
            where: required ? `operation ${code(operation!.key)}` : 'the document',
            schemes: listText(candidates.map(describeScheme)),
          },
        });
      },
    };
  },
});
