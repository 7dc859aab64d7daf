import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';
import rule from './decision-not-accepted.js';

const withStatus = (frontMatter: string) =>
  withContracts(`${HEADER}${DECIDED_FLOW}`, {
    [ADR_FILE]: GOOD_ADR.replace('status: accepted\n', frontMatter),
  });

ruleTester(rule, {
  valid: [
    { name: 'accepted', files: withStatus('status: accepted\n') },
    { name: 'accepted, written in capitals', files: withStatus('status: Accepted\n') },
    {
      name: 'an unresolved decision is the reference rule’s finding',
      files: withContracts(`${HEADER}${DECIDED_FLOW}`),
    },
  ],
  invalid: [
    {
      name: 'rejected, reported at the flow’s decision',
      files: withStatus('status: rejected\n'),
      errors: [
        {
          messageId: 'notAccepted',
          message:
            'Flow "order-created" (orders → webshop) relies on ADR "0001-use-kafka-for-order-events", whose status is `rejected`',
          file: 'blueprint.yaml',
          line: 20,
        },
      ],
    },
    {
      name: 'superseded, naming the successor',
      files: withStatus('status: superseded by 0002-use-pulsar\n'),
      errors: [{ messageId: 'superseded', message: 'which is superseded by "0002-use-pulsar".' }],
    },
    { name: 'no status', files: withStatus(''), errors: [{ messageId: 'noStatus' }] },
  ],
});
