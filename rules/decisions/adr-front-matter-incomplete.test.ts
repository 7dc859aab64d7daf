import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, GOOD_ADR } from '../support/examples.js';
import rule from './adr-front-matter-incomplete.js';

const files = (adr: string) => withContracts(HEADER, { [ADR_FILE]: adr });

ruleTester(rule, {
  valid: [
    { name: 'complete', files: files(GOOD_ADR) },
    {
      name: 'decision-makers as a comma-separated string',
      files: files(GOOD_ADR.replace('[acme/architects, acme/orders]', 'acme/architects, acme/orders')),
    },
  ],
  invalid: [
    {
      name: 'no decision-makers',
      files: files(GOOD_ADR.replace('decision-makers: [acme/architects, acme/orders]\n', '')),
      errors: [
        {
          messageId: 'missing',
          message: 'front matter has no `decision-makers`. Add it',
          file: ADR_FILE,
          line: 1,
        },
      ],
    },
    {
      name: 'no date and no status',
      files: files(GOOD_ADR.replace('status: accepted\ndate: 2025-01-20\n', '')),
      errors: [{ message: 'has no `status` and `date`. Add them' }],
    },
  ],
});
