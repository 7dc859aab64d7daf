import { ruleTester } from '../../test/support/rule-tester.js';
import { HEADER, withContracts } from '../examples.js';
import rule from './freshness-unmet.js';

const blueprint = (flow: string, freshness = '1h') => `${HEADER}flows:
  - { id: f1, from: orders, to: webshop, requirements: [r1]${flow} }
requirements:
  - { id: r1, description: Fresh data., freshness: ${freshness} }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'an hourly batch for a one-hour freshness',
      files: withContracts(blueprint(", pattern: batch, schedule: '0 * * * *'")),
    },
    { name: 'a stream has no schedule', files: withContracts(blueprint(', pattern: stream', '1m')) },
    {
      name: 'a batch with no schedule under a generous assumption',
      files: withContracts(blueprint(', pattern: batch')),
      options: { assumedBatchInterval: '30m' },
    },
  ],
  invalid: [
    {
      name: 'a nightly cron for a one-hour freshness, reported at the schedule',
      files: withContracts(blueprint(", pattern: batch, schedule: '30 1 * * *'")),
      errors: [
        {
          messageId: 'tooSlow',
          message:
            'Flow "f1" (orders → webshop) is a batch that runs every 1d (`30 1 * * *`), but requirement "r1" needs the data within 1h.',
          line: 14,
        },
      ],
    },
    {
      name: 'a batch without schedule is assumed daily',
      files: withContracts(blueprint(', pattern: batch', '2h')),
      errors: [{ messageId: 'tooSlow', message: 'runs on no readable schedule (assumed every 1d)' }],
    },
  ],
});
