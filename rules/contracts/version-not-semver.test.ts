import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './version-not-semver.js';

const orders = (version: string) =>
  withContracts(HEADER, {
    'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace('  version: 1.0.0', `  version: ${version}`),
  });

ruleTester(rule, {
  valid: [
    { name: 'semver', files: withContracts(HEADER) },
    { name: 'a pre-release', files: orders('2.0.0-beta.1') },
  ],
  invalid: [
    {
      name: 'a v-prefixed major, reported at info.version',
      files: orders('v3'),
      errors: [
        {
          messageId: 'notSemver',
          message: 'has version "v3", which is not a semantic version. Use MAJOR.MINOR.PATCH (e.g. "3.0.0")',
          file: 'contracts/orders.openapi.yaml',
          line: 4,
        },
      ],
    },
    {
      name: 'a date in an AsyncAPI contract',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
          '  version: 1.0.0',
          "  version: '2024-05-01'",
        ),
      }),
      errors: [
        {
          message: 'Contract "order-events" has version "2024-05-01"',
          file: 'contracts/order-events.asyncapi.yaml',
        },
      ],
    },
  ],
});
