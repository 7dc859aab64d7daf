import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { POLICIES_FILE, SECURE_FLOW, withPolicies } from '../support/examples.js';
import rule from './auth-without-rationale.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a rationale',
      files: withPolicies(
        `${HEADER}${SECURE_FLOW}`,
        'security:\n  - { id: webshop-to-orders, auth: { model: mtls, rationale: The mesh issues certificates. } }\n',
      ),
    },
    {
      name: 'no auth block is another rule’s finding',
      files: withPolicies(
        `${HEADER}${SECURE_FLOW}`,
        'security:\n  - { id: webshop-to-orders, transport: { encryption: tls } }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a named policy without rationale, reported at its auth block',
      files: withPolicies(
        `${HEADER}${SECURE_FLOW}`,
        'security:\n  - id: webshop-to-orders\n    auth:\n      model: basic\n',
      ),
      errors: [
        {
          messageId: 'missing',
          message: 'Security policy "webshop-to-orders" uses `auth.model: basic`',
          file: POLICIES_FILE,
          line: 5,
        },
      ],
    },
    {
      name: 'a blank rationale counts as none; inline policies are reported in the flow',
      files: withPolicies(
        `${HEADER}${SECURE_FLOW.replace('security: webshop-to-orders', "security: { auth: { model: api-key, rationale: '  ' } }")}`,
        '',
      ),
      errors: [
        { message: 'The inline security policy of flow "place-order"', file: 'blueprint.yaml', line: 20 },
      ],
    },
  ],
});
