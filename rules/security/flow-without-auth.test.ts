import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import rule from './flow-without-auth.js';

const flow = (extra: string) => `${HEADER}flows:
  - id: get-order
    from: webshop
    to: orders
    pattern: request-response
${extra}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a named policy with an auth model',
      files: withPolicies(flow('    security: p\n'), 'security:\n  - { id: p, auth: { model: mtls } }\n'),
    },
    {
      name: 'an inline policy with an auth model',
      files: withPolicies(flow('    security: { auth: { model: oauth2-client-credentials } }\n'), ''),
    },
    {
      name: 'auth model none for public data',
      files: withPolicies(
        flow(
          '    dataClassification: public\n    security: { auth: { model: none, rationale: Public catalogue. } }\n',
        ),
        '',
      ),
    },
    {
      name: 'a dangling policy name is the reference rule’s finding',
      files: withPolicies(flow('    security: nope\n'), ''),
    },
  ],
  invalid: [
    {
      name: 'no policy, reported at the flow',
      files: withPolicies(flow(''), ''),
      errors: [
        {
          messageId: 'noPolicy',
          message: 'Flow "get-order" (webshop → orders) has no security policy',
          line: 14,
        },
      ],
    },
    {
      name: 'a policy without auth, reported at the reference',
      files: withPolicies(
        flow('    security: p\n'),
        'security:\n  - { id: p, transport: { encryption: tls } }\n',
      ),
      errors: [{ messageId: 'noAuth', message: 'uses policy "p", which has no `auth` block', line: 18 }],
    },
    {
      name: 'auth none for confidential data',
      files: withPolicies(
        flow('    dataClassification: confidential\n    security: { auth: { model: none } }\n'),
        '',
      ),
      errors: [
        {
          messageId: 'noneForSensitive',
          message: 'carries confidential data with `auth.model: none` in its inline policy',
          line: 19,
        },
      ],
    },
    {
      name: 'auth none with no classification counts as internal',
      files: withPolicies(flow('    security: { auth: { model: none } }\n'), ''),
      errors: [{ messageId: 'noneForSensitive', message: 'carries internal data' }],
    },
  ],
});
