import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, ORDER_EVENTS_ASYNCAPI } from '../examples.js';
import { ORDERS_WITH_PII_OPENAPI, withPolicies } from '../support/examples.js';
import rule from './sensitive-field-without-masking.js';

const flow = (contract: string, security: string) => `${HEADER}flows:
  - id: f1
    from: webshop
    to: orders
    pattern: request-response
    contract: ${contract}
${security}`;
const createOrder = '{ ref: orders-api, operation: createOrder }';
const pii = { 'contracts/orders.openapi.yaml': ORDERS_WITH_PII_OPENAPI };

/** Order events whose payload refers to a shared schema file with a restricted field. */
const eventsWithRef = {
  'contracts/order-events.asyncapi.yaml': ORDER_EVENTS_ASYNCAPI.replace(
    '          orderId: { type: string }\n',
    "          orderId: { type: string }\n          payment:\n            $ref: 'shared.yaml#/Payment'\n",
  ),
  'contracts/shared.yaml':
    'Payment:\n  type: object\n  properties:\n    cardNumber: { type: string, x-data-classification: restricted }\n    brand: { type: string, x-data-classification: internal }\n',
};

ruleTester(rule, {
  valid: [
    {
      name: 'each field has a rule',
      files: withPolicies(
        flow(
          createOrder,
          '    security: { masking: [{ field: customer.email, strategy: hash }, { field: customer.name, strategy: redact }] }\n',
        ),
        '',
        pii,
      ),
    },
    {
      name: 'a rule on the enclosing object covers its fields',
      files: withPolicies(
        flow(createOrder, '    security: { masking: [{ field: customer, strategy: encrypt }] }\n'),
        '',
        pii,
      ),
    },
    {
      name: 'another operation does not carry the fields',
      files: withPolicies(flow('{ ref: orders-api, operation: getOrder }', ''), '', pii),
    },
    {
      name: 'classifications below the threshold need no rule',
      files: withPolicies(
        flow(createOrder, '    security: { masking: [{ field: customer.email, strategy: hash }] }\n'),
        '',
        pii,
      ),
      options: { classifications: ['restricted'] },
    },
  ],
  invalid: [
    {
      name: 'one of two fields is masked',
      files: withPolicies(
        flow(createOrder, '    security: p\n'),
        'security:\n  - { id: p, masking: [{ field: customer.email, strategy: hash }] }\n',
        pii,
      ),
      errors: [
        {
          messageId: 'unmasked',
          message:
            'Flow "f1" (webshop → orders) carries `customer.name`, tagged sensitive in contract "orders-api", with no masking rule in policy "p".',
          file: 'blueprint.yaml',
          line: 19,
        },
      ],
    },
    {
      name: 'no security policy at all',
      files: withPolicies(flow(createOrder, ''), '', pii),
      errors: [{ messageId: 'noPolicy', message: 'carries `customer.email` and `customer.name`', line: 14 }],
    },
    {
      name: 'fields reached through $refs into another file, on an event channel',
      files: withPolicies(
        flow(
          '{ ref: order-events, channel: orderCreated }',
          '    security: { auth: { model: sasl-scram } }\n',
        ).replace('request-response', 'event'),
        '',
        eventsWithRef,
      ),
      errors: [{ messageId: 'unmasked', message: 'carries `payment.cardNumber`,' }],
    },
  ],
});
