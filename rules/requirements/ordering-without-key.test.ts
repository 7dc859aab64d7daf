import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './ordering-without-key.js';

const blueprint = (pattern: string, ordering: string, requirementOrdering = 'false') => `${HEADER}flows:
  - id: f1
    from: orders
    to: webshop
    pattern: ${pattern}
    requirements: [r1]
${ordering}requirements:
  - { id: r1, description: In order., ordering: ${requirementOrdering} }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a key',
      files: withContracts(blueprint('event', '    ordering: { required: true, key: orderId }\n', 'true')),
    },
    { name: 'nothing needs ordering', files: withContracts(blueprint('event', '')) },
    {
      name: 'a request-response flow answers in order',
      files: withContracts(blueprint('request-response', '', 'true')),
    },
  ],
  invalid: [
    {
      name: 'the flow requires ordering without a key',
      files: withContracts(blueprint('stream', '    ordering:\n      required: true\n')),
      errors: [
        { messageId: 'flowNoKey', message: 'Flow "f1" (orders → webshop) requires ordering', line: 19 },
      ],
    },
    {
      name: 'the requirement needs ordering, the event flow says nothing',
      files: withContracts(blueprint('event', '', 'true')),
      errors: [
        { messageId: 'requirementNoKey', message: 'serves requirement "r1", which needs ordering', line: 14 },
      ],
    },
  ],
});
