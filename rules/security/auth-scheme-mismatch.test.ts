import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDERS_OPENAPI } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import rule from './auth-scheme-mismatch.js';

const flow = (contract: string, auth: string) => `${HEADER}flows:
  - id: f1
    from: webshop
    to: orders
    pattern: request-response
    contract: ${contract}
    security: { auth: ${auth} }
`;
const createOrder = '{ ref: orders-api, operation: createOrder }';
const events = '{ ref: order-events, operation: publishOrderCreated }';

/** Orders API whose GET operation requires an API key instead of the document-wide OAuth 2.0. */
const mixed = ORDERS_OPENAPI.replace(
  '      operationId: getOrder\n',
  '      operationId: getOrder\n      security:\n        - apiKey: []\n',
).replace(
  'components:\n  securitySchemes:\n',
  'components:\n  securitySchemes:\n    apiKey: { type: apiKey, in: header, name: X-Api-Key }\n',
);

ruleTester(rule, {
  valid: [
    {
      name: 'client credentials against an oauth2 clientCredentials scheme',
      files: withPolicies(flow(createOrder, '{ model: oauth2-client-credentials }'), ''),
    },
    {
      name: 'SASL/SCRAM against an AsyncAPI scramSha512 scheme',
      files: withPolicies(flow(events, '{ model: sasl-scram }'), ''),
    },
    {
      name: 'the operation’s own requirement decides',
      files: withPolicies(flow('{ ref: orders-api, operation: getOrder }', '{ model: api-key }'), '', {
        'contracts/orders.openapi.yaml': mixed,
      }),
    },
    { name: 'auth model none is not checked', files: withPolicies(flow(createOrder, '{ model: none }'), '') },
    {
      name: 'mTLS cannot be expressed in OpenAPI 3.0',
      files: withPolicies(flow(createOrder, '{ model: mtls }'), '', {
        'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace('openapi: 3.1.0', 'openapi: 3.0.3'),
      }),
    },
  ],
  invalid: [
    {
      name: 'mTLS against an OAuth-only operation',
      files: withPolicies(flow(createOrder, '{ model: mtls }'), ''),
      errors: [
        {
          messageId: 'mismatch',
          message:
            'Flow "f1" (webshop → orders) authenticates with `mtls` (its inline policy), but operation `POST /orders` of contract "orders-api" only declares clientCredentials (oauth2)',
          file: 'blueprint.yaml',
          line: 19,
        },
      ],
    },
    {
      name: 'an API key against an operation that requires OAuth 2.0, though the document also has an API key scheme',
      files: withPolicies(flow(createOrder, '{ model: api-key }'), '', {
        'contracts/orders.openapi.yaml': mixed,
      }),
      errors: [{ messageId: 'mismatch', message: 'only declares clientCredentials (oauth2)' }],
    },
    {
      name: 'mTLS against a SCRAM-only broker',
      files: withPolicies(flow(events, '{ model: mtls }'), ''),
      errors: [{ messageId: 'mismatch', message: 'only declares scram (scramSha512)' }],
    },
    {
      name: 'an operation that requires only a scheme the contract never declares',
      files: withPolicies(flow('{ ref: orders-api, operation: getOrder }', '{ model: api-key }'), '', {
        'contracts/orders.openapi.yaml': mixed.replace(
          '        - apiKey: []\n',
          '        - partnerKey: []\n',
        ),
      }),
      errors: [
        {
          messageId: 'undeclared',
          message:
            'operation `GET /orders/{orderId}` of contract "orders-api" requires `partnerKey`, which the contract does not declare as a security scheme.',
        },
      ],
    },
    {
      name: 'a contract without any scheme',
      files: withPolicies(flow(createOrder, '{ model: oauth2-client-credentials }'), '', {
        'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace(
          /components:\n {2}securitySchemes:[\s\S]*$/,
          '',
        ),
      }),
      errors: [{ messageId: 'noSchemes' }],
    },
  ],
});
