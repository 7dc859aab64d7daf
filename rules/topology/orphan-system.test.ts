import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './orphan-system.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a system that only receives still takes part',
      files: withContracts(`${HEADER}flows:
  - { id: a, from: orders, to: webshop, pattern: event, contract: { ref: order-events } }
`),
    },
  ],
  invalid: [
    {
      name: 'no flows at all: every system is an orphan',
      files: withContracts(HEADER),
      errors: [
        { messageId: 'orphan', message: '"webshop"', line: 5 },
        { messageId: 'orphan', message: '"orders"', line: 6 },
      ],
    },
  ],
});
