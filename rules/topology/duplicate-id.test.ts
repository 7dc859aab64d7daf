import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './duplicate-id.js';

const PART = `apiVersion: blueprint-review/v1
kind: BlueprintPart
systems:
  - { id: orders, owner: acme/someone-else }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'the same id in different kinds is fine',
      files: withContracts(`${HEADER}flows:
  - { id: orders, from: webshop, to: orders, pattern: request-response, contract: { ref: orders-api } }
`),
    },
  ],
  invalid: [
    {
      name: 'a system declared again in an included file names the first declaration',
      files: withContracts(`${HEADER}include: [topology/more.yaml]\n`, { 'topology/more.yaml': PART }),
      errors: [
        {
          messageId: 'duplicate',
          message: 'System id "orders" is declared again here (first at blueprint.yaml:6)',
          file: 'topology/more.yaml',
          line: 4,
        },
      ],
    },
  ],
});
