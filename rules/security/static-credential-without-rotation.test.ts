import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { POLICIES_FILE, SECURE_FLOW, withPolicies } from '../support/examples.js';
import rule from './static-credential-without-rotation.js';

const policy = (auth: string) => `security:\n  - id: webshop-to-orders\n    auth: ${auth}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'a rotated API key',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: api-key, rotation: 30d }')),
    },
    {
      name: 'OAuth 2.0 tokens expire on their own',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: oauth2-client-credentials }')),
    },
  ],
  invalid: [
    {
      name: 'basic auth without rotation',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: basic }')),
      errors: [{ messageId: 'noRotation', message: '(`auth.model: basic`)', file: POLICIES_FILE, line: 5 }],
    },
    {
      name: 'SASL/SCRAM without rotation',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: sasl-scram }')),
      errors: [{ messageId: 'noRotation', message: '(`auth.model: sasl-scram`)' }],
    },
  ],
});
