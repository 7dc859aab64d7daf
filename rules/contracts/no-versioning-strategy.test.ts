import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './no-versioning-strategy.js';

const ORDERS_ENTRY =
  '  - { id: orders-api, file: contracts/orders.openapi.yaml, owner: acme/orders, status: draft, consumers: [webshop], versioning: { strategy: semver } }\n';
const withEntry = (entry: string) => withContracts(HEADER.replace(ORDERS_ENTRY, entry));

ruleTester(rule, {
  valid: [
    { name: 'semver', files: withContracts(HEADER) },
    {
      name: 'no strategy, but nobody consumes it yet',
      files: withEntry(
        '  - { id: orders-api, file: contracts/orders.openapi.yaml, owner: acme/orders, versioning: { strategy: none } }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'no versioning block, reported at the registry entry',
      files: withEntry('  - { id: orders-api, file: contracts/orders.openapi.yaml, owner: acme/orders }\n'),
      errors: [
        {
          messageId: 'missing',
          message: 'Contract "orders-api" declares no versioning strategy',
          file: 'blueprint.yaml',
          line: 11,
        },
      ],
    },
    {
      name: 'strategy none with consumers',
      files: withEntry(
        '  - id: orders-api\n    file: contracts/orders.openapi.yaml\n    consumers: [webshop]\n    versioning:\n      strategy: none\n',
      ),
      errors: [
        { messageId: 'none', message: 'has consumers (webshop) but `versioning.strategy: none`', line: 15 },
      ],
    },
  ],
});
