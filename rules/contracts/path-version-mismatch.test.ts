import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './path-version-mismatch.js';

const orders = (change: (text: string) => string) =>
  withContracts(HEADER, { 'contracts/orders.openapi.yaml': change(ORDERS_OPENAPI) });
const v1Paths = (text: string) =>
  text
    .replace('  /orders:\n', '  /v1/orders:\n')
    .replace('  /orders/{orderId}:\n', '  /v1/orders/{orderId}:\n');

ruleTester(rule, {
  valid: [
    { name: 'no versions in paths', files: withContracts(HEADER) },
    { name: 'v1 paths at version 1.0.0', files: orders(v1Paths) },
    {
      name: 'a word that only contains v and a digit',
      files: orders((t) => t.replace('  /orders:\n', '  /dev2ops/orders:\n')),
    },
    { name: 'the AsyncAPI channel address agrees (orders.order-created.v1)', files: withContracts(HEADER) },
    // A date-based version counts releases, not generations: its year is no major to disagree with.
    ...["'2023-10-16'", "'2021.12'", '20231016', "'Wed Oct 15 2025 13:53:19 GMT+0000'", 'latest'].map(
      (version) => ({
        name: `v1 paths at version ${version}`,
        files: orders((t) => v1Paths(t).replace('  version: 1.0.0', `  version: ${version}`)),
      }),
    ),
  ],
  invalid: [
    {
      name: 'v1 paths at version 2.1.0: one finding for both paths',
      files: orders((t) => v1Paths(t).replace('  version: 1.0.0', '  version: 2.1.0')),
      errors: [
        {
          messageId: 'mismatch',
          message:
            'Contract "orders-api" is version 2.1.0, but path "/v1/orders" says v1 (and 1 more). Bump `info.version` to 1.x.y, or move the path to v2.',
          file: 'contracts/orders.openapi.yaml',
          line: 8,
        },
      ],
    },
    {
      name: 'a version written with a v and no minor (v2) against v1 paths',
      files: orders((t) => v1Paths(t).replace('  version: 1.0.0', '  version: v2')),
      errors: [{ message: 'is version v2, but path "/v1/orders" says v1 (and 1 more)' }],
    },
    {
      name: 'a pre-release of the next generation (2.0-beta) against v1 paths',
      files: orders((t) => v1Paths(t).replace('  version: 1.0.0', "  version: '2.0-beta'")),
      errors: [{ message: 'is version 2.0-beta, but path "/v1/orders" says v1 (and 1 more)' }],
    },
    {
      name: 'a server URL with a version',
      files: orders((t) =>
        t.replace('security:\n', 'servers:\n  - url: https://api.example.com/v3\nsecurity:\n'),
      ),
      errors: [{ message: 'server "https://api.example.com/v3" says v3', line: 6 }],
    },
    {
      name: 'an AsyncAPI channel address',
      files: withContracts(HEADER, {
        'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
          'orders.order-created.v1',
          'orders.order-created.v2',
        ),
      }),
      errors: [
        {
          message: 'channel "orders.order-created.v2" says v2',
          file: 'contracts/order-events.asyncapi.yaml',
        },
      ],
    },
  ],
});
