import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, GOOD_ADR } from '../support/examples.js';
import rule from './flow-without-decision.js';

const flow = (fields: string) => `${HEADER}flows:
  - { id: f1, from: orders, to: webshop${fields} }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a linked ADR (by path)',
      files: withContracts(flow(`, pattern: event, via: order-topic, decision: ${ADR_FILE}`), {
        [ADR_FILE]: GOOD_ADR,
      }),
    },
    {
      name: 'a linked ADR (by id)',
      files: withContracts(flow(', pattern: event, decision: 0001-use-kafka-for-order-events'), {
        [ADR_FILE]: GOOD_ADR,
      }),
    },
    { name: 'no pattern and no mediator: nothing chosen yet', files: withContracts(flow('')) },
  ],
  invalid: [
    {
      name: 'a pattern without decision',
      files: withContracts(flow(', pattern: batch')),
      errors: [
        {
          messageId: 'missing',
          message: 'Flow "f1" (orders → webshop) uses pattern `batch` but links',
          line: 14,
        },
      ],
    },
    {
      name: 'a mediator without decision',
      files: withContracts(flow(', via: gateway')),
      errors: [{ messageId: 'missing', message: 'uses mediator "gateway" but' }],
    },
  ],
});
