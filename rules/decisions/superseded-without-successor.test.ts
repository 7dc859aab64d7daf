import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, GOOD_ADR } from '../support/examples.js';
import rule from './superseded-without-successor.js';

const OLD = 'adr/0000-webhooks.md';
const files = (frontMatter: string) =>
  withContracts(HEADER, { [ADR_FILE]: GOOD_ADR, [OLD]: GOOD_ADR.replace('status: accepted\n', frontMatter) });

ruleTester(rule, {
  valid: [
    {
      name: 'successor in front matter',
      files: files('status: superseded\nsuperseded-by: 0001-use-kafka-for-order-events\n'),
    },
    {
      name: 'successor in the status text, as a link',
      files: files('status: superseded by [0001](0001-use-kafka-for-order-events.md)\n'),
    },
    { name: 'successor by number only', files: files('status: superseded\nsuperseded-by: "0001"\n') },
    { name: 'not superseded', files: files('status: deprecated\n') },
  ],
  invalid: [
    {
      name: 'no successor',
      files: files('status: superseded\n'),
      errors: [
        { messageId: 'noSuccessor', message: 'ADR "0000-webhooks" is superseded', file: OLD, line: 2 },
      ],
    },
    {
      name: 'a successor that does not exist',
      files: files('status: superseded\nsuperseded-by: 0009-use-pulsar\n'),
      errors: [
        {
          messageId: 'unknownSuccessor',
          message: 'superseded by "0009-use-pulsar", which is not an ADR',
          file: OLD,
        },
      ],
    },
  ],
});
