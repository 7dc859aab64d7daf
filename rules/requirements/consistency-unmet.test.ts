import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './consistency-unmet.js';

const blueprint = (pattern: string, consistency: string) => `${HEADER}flows:
  - id: f1
    from: orders
    to: webshop
    pattern: ${pattern}
    requirements: [r1]
requirements:
  - { id: r1, description: Consistent data., consistency: ${consistency} }
`;

ruleTester(rule, {
  valid: [
    { name: 'strong over request-response', files: withContracts(blueprint('request-response', 'strong')) },
    { name: 'eventual over events', files: withContracts(blueprint('event', 'eventual')) },
  ],
  invalid: [
    {
      name: 'strong over a batch, reported at the pattern',
      files: withContracts(blueprint('batch', 'strong')),
      errors: [{ messageId: 'eventual', message: 'needs strong consistency, but `batch` flows', line: 17 }],
    },
    {
      name: 'read-your-writes over a stream',
      files: withContracts(blueprint('stream', 'read-your-writes')),
      errors: [{ messageId: 'eventual', message: 'read-your-writes' }],
    },
  ],
});
