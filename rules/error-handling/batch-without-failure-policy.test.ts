import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, withPolicies } from '../support/examples.js';
import rule from './batch-without-failure-policy.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a complete batch policy',
      files: withPolicies(
        flowUsing('batch'),
        'errorHandling:\n  - { id: p, batch: { onFailure: abort, partialFailure: staging table, rerun: idempotent by date } }\n',
      ),
    },
    {
      name: 'not a batch flow',
      files: withPolicies(flowUsing('request-response'), 'errorHandling:\n  - { id: p, timeout: 1s }\n'),
    },
  ],
  invalid: [
    {
      name: 'a policy without a batch block lists all three',
      files: withPolicies(flowUsing('batch'), 'errorHandling:\n  - { id: p, timeout: 1h }\n'),
      errors: [
        {
          messageId: 'incomplete',
          message:
            '(`onFailure`), how a partly applied run is detected and completed (`partialFailure`) and how a run is re-run safely (`rerun`)',
          file: 'blueprint.yaml',
          line: 14,
        },
      ],
    },
    {
      name: 'only the re-run procedure is missing',
      files: withPolicies(
        flowUsing('batch'),
        'errorHandling:\n  - { id: p, batch: { onFailure: abort, partialFailure: staging table } }\n',
      ),
      errors: [{ message: 'which does not say how a run is re-run safely (`rerun`).' }],
    },
    {
      name: 'no policy at all',
      files: withPolicies(flowUsing('batch').replace(', errorHandling: p', ''), ''),
      errors: [{ messageId: 'noPolicy', message: 'Batch flow "f1" (webshop → orders)', line: 14 }],
    },
  ],
});
