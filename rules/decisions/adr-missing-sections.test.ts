import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, GOOD_ADR } from '../support/examples.js';
import rule from './adr-missing-sections.js';

const files = (adr: string) => withContracts(HEADER, { [ADR_FILE]: adr });

ruleTester(rule, {
  valid: [
    { name: 'the MADR 2 layout', files: files(GOOD_ADR) },
    {
      name: 'MADR 3+: Consequences as a subsection of Decision Outcome',
      files: files(GOOD_ADR.replace('## Consequences', '### Consequences')),
    },
    {
      name: 'Nygard titles: Context, Options, Decision',
      files: files(
        GOOD_ADR.replace('## Context and Problem Statement', '## Context')
          .replace('## Considered Options', '## Options')
          .replace('## Decision Outcome', '## Decision'),
      ),
    },
  ],
  invalid: [
    {
      name: 'no context',
      files: files(GOOD_ADR.replace('## Context and Problem Statement', '## Background')),
      errors: [
        {
          messageId: 'missing',
          message:
            'ADR "0001-use-kafka-for-order-events" has no "Context and Problem Statement" section. Add it (`## Context and Problem Statement`)',
          file: ADR_FILE,
          line: 7,
        },
      ],
    },
    {
      name: 'a heading inside a code fence does not count',
      files: files(GOOD_ADR.replace('## Consequences', '```md\n## Consequences\n```')),
      errors: [{ messageId: 'missing', message: 'has no "Consequences" section' }],
    },
  ],
});
