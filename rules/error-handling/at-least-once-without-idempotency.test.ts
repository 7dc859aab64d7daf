import { ruleTester } from '../../test/support/rule-tester.js';
import { flowUsing, withPolicies } from '../support/examples.js';
import rule from './at-least-once-without-idempotency.js';

const atLeastOnce = flowUsing('event', ', deliveryGuarantee: at-least-once');

ruleTester(rule, {
  valid: [
    {
      name: 'an idempotency key',
      files: withPolicies(
        atLeastOnce,
        'errorHandling:\n  - { id: p, idempotency: { key: eventId, window: 7d } }\n',
      ),
    },
    {
      name: 'at-most-once delivery has no duplicates',
      files: withPolicies(
        flowUsing('event', ', deliveryGuarantee: at-most-once'),
        'errorHandling:\n  - { id: p, timeout: 1s }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a policy without idempotency',
      files: withPolicies(atLeastOnce, 'errorHandling:\n  - { id: p, deadLetter: { destination: dlq } }\n'),
      errors: [
        {
          messageId: 'noKey',
          message:
            'Flow "f1" (webshop → orders) is delivered at least once, but policy "p" names no `idempotency.key`',
          file: 'blueprint.yaml',
          line: 14,
        },
      ],
    },
    {
      name: 'an idempotency block without a key',
      files: withPolicies(atLeastOnce, 'errorHandling:\n  - { id: p, idempotency: { window: 7d } }\n'),
      errors: [{ messageId: 'noKey' }],
    },
    {
      name: 'no policy at all',
      files: withPolicies(atLeastOnce.replace(', errorHandling: p', ''), ''),
      errors: [{ messageId: 'noPolicy', line: 14 }],
    },
  ],
});
