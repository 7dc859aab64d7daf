import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { TECHNICAL_HEADER } from '../support/examples.js';
import rule from './system-without-technical-requirements.js';

ruleTester(rule, {
  valid: [{ name: 'complete', files: withContracts(TECHNICAL_HEADER) }],
  invalid: [
    {
      name: 'no technical block at all',
      files: withContracts(HEADER.replace('  - { id: webshop, owner: acme/web }\n', '')),
      errors: [
        { messageId: 'missing', message: 'System "orders" declares no technical requirements', line: 5 },
      ],
    },
    {
      name: 'an incomplete block, reported at it',
      files: withContracts(
        TECHNICAL_HEADER.replace(
          '    technical: { rateLimit: { requests: 100, per: 1s }, auth: [oauth2-client-credentials], payloadFormats: [application/json] }\n',
          '    technical:\n      auth: []\n      protocols: [https]\n',
        ),
      ),
      errors: [
        {
          messageId: 'incomplete',
          message:
            'System "orders" does not declare its rate limit (`rateLimit`), the auth models it supports (`auth`) and the payload formats it reads and writes (`payloadFormats`) under `technical`. Add them',
          line: 10,
        },
      ],
    },
  ],
});
