import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import rule from './regulated-without-audit.js';

const flow = (regulated: string, security: string) => `${HEADER}flows:
  - id: f1
    from: webshop
    to: orders
    pattern: request-response
    regulated: ${regulated}
${security}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a complete audit block',
      files: withPolicies(
        flow('[PCI]', '    security: p\n'),
        'security:\n  - { id: p, audit: { events: [paid], fields: [orderId], retention: 365d, sink: siem } }\n',
      ),
    },
    { name: 'not regulated', files: withPolicies(flow('[]', ''), '') },
  ],
  invalid: [
    {
      name: 'no policy',
      files: withPolicies(flow('[PCI, GDPR]', ''), ''),
      errors: [
        { messageId: 'noPolicy', message: 'Flow "f1" (webshop → orders) is regulated (PCI, GDPR)', line: 14 },
      ],
    },
    {
      name: 'a policy without audit',
      files: withPolicies(
        flow('[HIPAA]', '    security: p\n'),
        'security:\n  - { id: p, auth: { model: mtls } }\n',
      ),
      errors: [{ messageId: 'noAudit', message: 'but policy "p" has no `audit` block', line: 19 }],
    },
    {
      name: 'an audit block without events and retention',
      files: withPolicies(
        flow('[SOX]', '    security: p\n'),
        'security:\n  - { id: p, audit: { events: [], fields: [orderId], sink: siem } }\n',
      ),
      errors: [
        {
          messageId: 'incomplete',
          message:
            'does not say which events are recorded (`events`) and how long records are kept (`retention`).',
        },
      ],
    },
  ],
});
