import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './owner-required.js';

ruleTester(rule, {
  valid: [{ name: 'the shared header has owners everywhere', files: withContracts(HEADER) }],
  invalid: [
    {
      name: 'system, component and contract without owner, each at its own line',
      files: withContracts(
        HEADER.replace('{ id: webshop, owner: acme/web }', '{ id: webshop }')
          .replace(
            '{ id: gateway, kind: api-gateway, owner: acme/platform }',
            '{ id: gateway, kind: api-gateway }',
          )
          .replace(
            'file: contracts/order-events.asyncapi.yaml, owner: acme/orders,',
            'file: contracts/order-events.asyncapi.yaml,',
          ),
      ),
      errors: [
        { messageId: 'system', message: 'System "webshop"', line: 5 },
        { messageId: 'component', message: 'component "gateway"', line: 8 },
        { messageId: 'contract', message: 'Contract "order-events"', line: 12 },
      ],
    },
  ],
});
