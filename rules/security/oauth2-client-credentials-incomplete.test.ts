import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { POLICIES_FILE, SECURE_FLOW, SECURITY_POLICY, withPolicies } from '../support/examples.js';
import rule from './oauth2-client-credentials-incomplete.js';

const policy = (auth: string) => `security:\n  - id: webshop-to-orders\n    auth: ${auth}\n`;

ruleTester(rule, {
  valid: [
    { name: 'complete', files: withPolicies(`${HEADER}${SECURE_FLOW}`, `security:\n${SECURITY_POLICY}`) },
    {
      name: 'other models are not checked',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: mtls }')),
    },
  ],
  invalid: [
    {
      name: 'nothing but the model',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: oauth2-client-credentials }')),
      errors: [
        {
          messageId: 'incomplete',
          message:
            'does not name the token endpoint (`tokenUrl`), the scopes requested (`scopes`) and how long tokens live (`tokenTtl`).',
          file: POLICIES_FILE,
          line: 5,
        },
      ],
    },
    {
      name: 'an empty scope list counts as missing',
      files: withPolicies(
        `${HEADER}${SECURE_FLOW}`,
        policy('{ model: oauth2-client-credentials, tokenUrl: https://idp/token, scopes: [], tokenTtl: 5m }'),
      ),
      errors: [{ message: 'does not name the scopes requested (`scopes`).' }],
    },
  ],
});
