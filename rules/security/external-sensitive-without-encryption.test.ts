import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import rule from './external-sensitive-without-encryption.js';

const header = HEADER.replace(
  '  - { id: orders, owner: acme/orders }\n',
  '  - { id: orders, owner: acme/orders }\n  - { id: crm, owner: acme/crm, external: true }\n',
);
const flow = (from: string, to: string, classification: string, security: string) => `${header}flows:
  - id: f1
    from: ${from}
    to: ${to}
    pattern: request-response
    dataClassification: ${classification}
${security}`;

ruleTester(rule, {
  valid: [
    {
      name: 'TLS to the external system',
      files: withPolicies(
        flow('orders', 'crm', 'restricted', '    security: { transport: { encryption: tls } }\n'),
        '',
      ),
    },
    { name: 'internal systems only', files: withPolicies(flow('webshop', 'orders', 'restricted', ''), '') },
    { name: 'internal data', files: withPolicies(flow('orders', 'crm', 'internal', ''), '') },
  ],
  invalid: [
    {
      name: 'encryption none from an external system',
      files: withPolicies(
        flow('crm', 'orders', 'confidential', '    security: p\n'),
        'security:\n  - { id: p, transport: { encryption: none } }\n',
      ),
      errors: [
        {
          messageId: 'unencrypted',
          message:
            'Flow "f1" (crm → orders) carries confidential data from external system "crm", but policy "p" sets `transport.encryption: none`.',
          line: 20,
        },
      ],
    },
    {
      name: 'no security policy',
      files: withPolicies(flow('orders', 'crm', 'restricted', ''), ''),
      errors: [{ message: 'to external system "crm", but its security policy does not exist.', line: 15 }],
    },
    {
      name: 'internal data counts when configured',
      files: withPolicies(flow('orders', 'crm', 'internal', '    security: { auth: { model: mtls } }\n'), ''),
      options: { classifications: ['internal'] },
      errors: [{ message: 'but its inline policy does not require encryption in transit' }],
    },
  ],
});
