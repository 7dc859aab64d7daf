import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './requirement-without-flow.js';

const blueprint = (served: string) => `${HEADER}flows:
  - { id: f1, from: webshop, to: orders, requirements: [${served}] }
requirements:
  - id: order-capture
    description: Orders are accepted at checkout.
  - { id: order-history, description: Shoppers see past orders. }
`;

ruleTester(rule, {
  valid: [{ name: 'both served', files: withContracts(blueprint('order-capture, order-history')) }],
  invalid: [
    {
      name: 'one requirement unserved, reported where it is declared',
      files: withContracts(blueprint('order-capture')),
      errors: [
        { messageId: 'untraced', message: 'Requirement "order-history" is served by no flow', line: 18 },
      ],
    },
    {
      name: 'no flows at all',
      files: withContracts(blueprint('')),
      errors: [
        { message: 'Requirement "order-capture"', line: 16 },
        { message: 'Requirement "order-history"', line: 18 },
      ],
    },
  ],
});
