import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, GOOD_ADR } from '../support/examples.js';
import rule from './adr-too-few-options.js';

const files = (adr: string) => withContracts(HEADER, { [ADR_FILE]: adr });
const oneOption = GOOD_ADR.replace('- Webhooks from the orders service\n- Nightly export\n', '');

ruleTester(rule, {
  valid: [
    { name: 'three options', files: files(GOOD_ADR) },
    {
      name: 'options as ### headings',
      files: files(
        GOOD_ADR.replace(
          '- Kafka topic per event type\n- Webhooks from the orders service\n- Nightly export\n',
          '### Kafka\n\nGood.\n\n### Webhooks\n\nBad.\n',
        ),
      ),
    },
    { name: 'one option is enough when configured', files: files(oneOption), options: { minOptions: 1 } },
    {
      name: 'no section at all is adr-missing-sections’ finding',
      files: files(GOOD_ADR.replace('## Considered Options', '## Notes')),
    },
  ],
  invalid: [
    {
      name: 'one option',
      files: files(oneOption),
      errors: [
        {
          messageId: 'tooFew',
          message: 'lists 1 considered option; a decision needs at least 2',
          file: ADR_FILE,
          line: 13,
        },
      ],
    },
    {
      name: 'an empty section',
      files: files(
        GOOD_ADR.replace(
          '- Kafka topic per event type\n- Webhooks from the orders service\n- Nightly export\n',
          '',
        ),
      ),
      errors: [{ message: 'lists 0 considered options' }],
    },
  ],
});
