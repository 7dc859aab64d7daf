import { ruleTester } from '../../test/support/rule-tester.js';
import { CHAIN_HEADER, POLICIES_FILE, withChain } from '../support/examples.js';
import rule from './shared-credential.js';

const flows = (first: string, second: string, third = '') => `${CHAIN_HEADER}flows:
  - { id: place-order, from: webshop, to: orders, pattern: request-response, security: ${first} }
  - { id: authorize-payment, from: orders, to: payments, pattern: request-response, security: ${second} }
${third}`;

const policies = `security:
  - id: a
    auth: { model: api-key, clientId: shop-client, credential: vault:kv/shop }
  - id: b
    auth: { model: api-key, clientId: shop-client, credential: vault:kv/orders }
  - id: c
    auth: { model: api-key, clientId: orders-client, credential: vault:kv/shop }
  - id: d
    auth: { model: api-key, clientId: orders-client, credential: vault:kv/orders }
`;

ruleTester(rule, {
  valid: [
    { name: 'distinct clients and credentials', files: withChain(flows('a', 'd'), policies) },
    {
      name: 'one system using its credential for two flows',
      files: withChain(
        flows(
          'a',
          'd',
          '  - { id: order-status, from: orders, to: webshop, pattern: request-response, security: d }\n',
        ),
        policies,
      ),
    },
    {
      name: 'a batch pull presents the credential of its puller, not of the provider it reads',
      files: withChain(
        `${CHAIN_HEADER.replace('consumers: [orders]', 'consumers: [orders], provider: payments')}flows:
  - { id: authorize-payment, from: orders, to: payments, pattern: request-response, contract: { ref: payments-api }, security: d }
  - { id: settlements, from: payments, to: orders, pattern: batch, contract: { ref: payments-api }, security: d }
`,
        policies,
      ),
    },
    {
      name: 'a batch pull from an external source without a contract presents the puller’s credential',
      files: withChain(
        `${CHAIN_HEADER.replace('{ id: payments, owner: acme/payments }', '{ id: payments, owner: acme/payments, external: true }')}flows:
  - { id: authorize-payment, from: orders, to: payments, pattern: request-response, security: d }
  - { id: settlements, from: payments, to: orders, pattern: batch, security: d }
`,
        policies,
      ),
    },
  ],
  invalid: [
    {
      name: 'one policy used by two calling systems is reported once, at its client id',
      files: withChain(flows('a', 'a'), policies),
      errors: [
        {
          messageId: 'shared',
          message:
            'Client id "shop-client" is used by "orders" and "webshop" (flows "place-order" and "authorize-payment")',
          file: POLICIES_FILE,
          line: 5,
        },
      ],
    },
    {
      name: 'two policies with the same client id are both reported',
      files: withChain(flows('a', 'b'), policies),
      errors: [
        { message: 'Client id "shop-client"', line: 5 },
        { message: 'Client id "shop-client"', line: 7 },
      ],
    },
    {
      name: 'a shared credential under different client ids',
      files: withChain(flows('a', 'c'), policies),
      errors: [
        { message: 'Credential "vault:kv/shop" is used by "orders" and "webshop"', line: 5 },
        { message: 'Credential "vault:kv/shop"', line: 9 },
      ],
    },
  ],
});
