import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';
import rule from './error-format-mismatch.js';

const rfc = HEADER.replace(
  'versioning: { strategy: semver } }\n  - { id: order-events',
  'versioning: { strategy: semver }, errorFormat: rfc9457 }\n  - { id: order-events',
);
const orders = (header: string, change: (text: string) => string) =>
  withContracts(header, { 'contracts/orders.openapi.yaml': change(ORDERS_OPENAPI) });
const PLAIN_JSON = (t: string) =>
  t.replace('            application/problem+json:\n', '            application/json:\n');

ruleTester(rule, {
  valid: [
    { name: 'problem details everywhere', files: withContracts(rfc) },
    { name: 'no declared error format: not checked', files: orders(HEADER, PLAIN_JSON) },
    {
      name: 'problem fields through allOf and a $ref to a shared response',
      files: orders(rfc, (t) =>
        t
          .replace(
            /(operationId: getOrder[\s\S]*?) {8}default:\n[\s\S]*?status: \{ type: integer \}\n/,
            "$1        default:\n          $ref: '#/components/responses/Problem'\n",
          )
          .replace(
            'components:\n',
            `components:
  responses:
    Problem:
      description: Error
      content:
        application/problem+json:
          schema:
            allOf:
              - type: object
                required: [type, title]
                properties: { type: { type: string }, title: { type: string } }
              - type: object
                required: [status]
                properties: { status: { type: integer } }
`,
          ),
      ),
    },
  ],
  invalid: [
    {
      name: 'plain JSON errors, reported at the response',
      files: orders(rfc, PLAIN_JSON),
      errors: [
        {
          messageId: 'mediaType',
          message:
            'Error response default of `POST /orders` in contract "orders-api" is not `application/problem+json` (it is `application/json`)',
          file: 'contracts/orders.openapi.yaml',
          line: 36,
        },
      ],
    },
    {
      name: 'problem+json without status, reported at the schema',
      files: orders(rfc, (t) =>
        t
          .replace(
            '                required: [type, title, status]\n',
            '                required: [type, title]\n',
          )
          .replace('                  status: { type: integer }\n', ''),
      ),
      errors: [{ messageId: 'fields', message: 'uses problem details without `status`', line: 40 }],
    },
    {
      name: 'an error response without a body',
      files: orders(rfc, (t) =>
        t.replace(
          /(operationId: getOrder[\s\S]*?) {8}default:\n[\s\S]*?status: \{ type: integer \}\n/,
          "$1        '404':\n          description: Not found\n",
        ),
      ),
      errors: [{ messageId: 'mediaType', message: 'Error response 404 of `GET /orders/{orderId}`' }],
    },
  ],
});
