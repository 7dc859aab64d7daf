import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { POLICIES_FILE, SECURE_FLOW, withPolicies } from '../support/examples.js';
import rule from './mtls-without-certificate-rotation.js';

const policy = (auth: string) => `security:\n  - id: webshop-to-orders\n    auth: ${auth}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'rotated certificates',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: mtls, rotation: 24h }')),
    },
    { name: 'not mTLS', files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: api-key }')) },
  ],
  invalid: [
    {
      name: 'mTLS without rotation',
      files: withPolicies(`${HEADER}${SECURE_FLOW}`, policy('{ model: mtls }')),
      errors: [
        {
          messageId: 'noRotation',
          message: 'Security policy "webshop-to-orders"',
          file: POLICIES_FILE,
          line: 5,
        },
      ],
    },
  ],
});
