import { ruleTester } from '../../test/support/rule-tester.js';
import { withContracts } from '../examples.js';
import { TECHNICAL_HEADER } from '../support/examples.js';
import rule from './volume-exceeds-rate-limit.js';

const flow = (id: string, from: string, to: string, pattern: string, peak: string, extra = '') =>
  `  - { id: ${id}, from: ${from}, to: ${to}, pattern: ${pattern}, volume: { peak: ${peak} }${extra} }\n`;
const blueprint = (flows: string) => `${TECHNICAL_HEADER}flows:\n${flows}`;

ruleTester(rule, {
  valid: [
    {
      name: 'below the limit',
      files: withContracts(
        blueprint(flow('a', 'webshop', 'orders', 'request-response', '{ requests: 100, per: 1s }')),
      ),
    },
    {
      name: 'per minute, converted: 5000/min is 83/s',
      files: withContracts(
        blueprint(flow('a', 'webshop', 'orders', 'request-response', '{ requests: 5000, per: 1m }')),
      ),
    },
    {
      name: 'events are consumed at the consumer’s pace',
      files: withContracts(blueprint(flow('a', 'webshop', 'orders', 'event', '{ requests: 900, per: 1s }'))),
    },
    {
      name: 'a batch that pulls from its provider counts against the provider, not the target',
      files: withContracts(
        blueprint(
          flow(
            'a',
            'orders',
            'webshop',
            'batch',
            '{ requests: 150, per: 1s }',
            ', contract: { ref: orders-api }',
          ),
        ).replace(
          'file: contracts/orders.openapi.yaml,',
          'file: contracts/orders.openapi.yaml, provider: webshop,',
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'one flow above the limit, reported at its peak',
      files: withContracts(
        blueprint(flow('a', 'webshop', 'orders', 'request-response', '{ requests: 12000, per: 1m }')),
      ),
      errors: [
        {
          messageId: 'exceeds',
          message: 'Flow "a" (webshop → orders) peaks at 200/s, above the 100/s rate limit of "orders"',
          line: 18,
        },
      ],
    },
    {
      name: 'two flows that only together exceed it, reported at the system’s limit',
      files: withContracts(
        blueprint(
          flow('a', 'webshop', 'orders', 'request-response', '{ requests: 60, per: 1s }') +
            flow('b', 'webshop', 'orders', 'request-response', '{ requests: 60, per: 1s }'),
        ),
      ),
      errors: [
        {
          messageId: 'combined',
          message: 'Flows "a" and "b" together peak at 120/s, above the 100/s rate limit of "orders"',
          line: 10,
        },
      ],
    },
    {
      name: 'a batch pulling from its provider',
      files: withContracts(
        blueprint(
          flow(
            'a',
            'orders',
            'webshop',
            'batch',
            '{ requests: 150, per: 1s }',
            ', contract: { ref: orders-api }',
          ),
        ).replace(
          'file: contracts/orders.openapi.yaml,',
          'file: contracts/orders.openapi.yaml, provider: orders,',
        ),
      ),
      errors: [{ messageId: 'exceeds', message: 'rate limit of "orders"' }],
    },
  ],
});
