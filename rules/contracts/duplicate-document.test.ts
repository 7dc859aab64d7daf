import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './duplicate-document.js';

const entry = (id: string, file: string) =>
  `  - { id: ${id}, file: ${file}, owner: acme/billing, status: draft, consumers: [billing], versioning: { strategy: semver } }\n`;

ruleTester(rule, {
  valid: [
    { name: 'one entry per document', files: withContracts(HEADER) },
    {
      name: 'another document in the same folder',
      files: withContracts(HEADER + entry('billing-api', 'contracts/billing.openapi.yaml'), {
        'contracts/billing.openapi.yaml':
          'openapi: 3.1.0\ninfo: { title: Billing, version: 1.0.0 }\npaths: {}\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'the same file twice, reported at the second entry naming the first',
      files: withContracts(HEADER + entry('orders-api-v1', 'contracts/orders.openapi.yaml')),
      errors: [
        {
          messageId: 'duplicate',
          message:
            'Contract "orders-api-v1" registers contracts/orders.openapi.yaml, which contract "orders-api" already registers (blueprint.yaml:11).',
          file: 'blueprint.yaml',
          line: 13,
        },
      ],
    },
    {
      name: 'the same file spelled another way (./, a folder and back)',
      files: withContracts(HEADER + entry('orders-again', './contracts/../contracts/orders.openapi.yaml')),
      errors: [{ messageId: 'duplicate', message: 'registers contracts/orders.openapi.yaml', line: 13 }],
    },
  ],
});
