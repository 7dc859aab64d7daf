import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './flow-without-requirement.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a flow with a requirement',
      files: withContracts(
        `${HEADER}flows:\n  - { id: f1, from: webshop, to: orders, requirements: [r1] }\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'an empty list counts as none',
      files: withContracts(`${HEADER}flows:
  - { id: f1, from: webshop, to: orders, requirements: [r1] }
  - id: f2
    from: orders
    to: webshop
    requirements: []
`),
      errors: [{ messageId: 'unexplained', message: 'Flow "f2" (orders → webshop)', line: 18 }],
    },
  ],
});
