import { code } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { formatDuration, parseDuration } from '../support/duration.js';
import { flowLabel } from '../support/policies.js';
import { scheduleInterval } from '../support/schedule.js';

interface Options {
  assumedBatchInterval: string;
}

const header = HEADER.replace(
  '  - { id: order-topic, kind: broker-topic, owner: acme/platform }\n',
  '  - { id: order-topic, kind: broker-topic, owner: acme/platform }\n  - { id: export-job, kind: etl-job, owner: acme/platform }\n',
);

const blueprint = (flow: string) => `${header}flows:
${flow}requirements:
  - id: stock-visible
    description: The webshop shows an order's status within 15 minutes of a change.
    freshness: 15m
`;

export default defineRule<Options>({
  meta: {
    id: 'requirements/freshness-unmet',
    category: 'requirements',
    severity: 'error',
    description: 'A batch flow runs often enough for the freshness its requirements ask for.',
    rationale:
      'A requirement that data arrive within minutes, served by a nightly batch, is broken by design: the data is up to a day old before the first record moves. The mismatch is invisible in a diagram and obvious to the business on day one; comparing the schedule with the freshness catches it at review.',
    sources: [
      'Enterprise Integration Patterns (Hohpe, Woolf): File Transfer vs. Messaging',
      'Martin Kleppmann, Designing Data-Intensive Applications, ch. 10–11: batch vs. stream processing',
    ],
    messages: {
      tooSlow:
        'Flow {{flow}} is a batch that runs {{how}}, but requirement "{{requirement}}" needs the data within {{freshness}}. Run it at least every {{freshness}}, or serve the requirement with an event or stream flow (change data capture).',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          assumedBatchInterval: {
            type: 'string',
            pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$',
            description: 'Interval assumed for a batch whose `schedule` is missing or unreadable.',
          },
        },
      },
      defaults: { assumedBatchInterval: '24h' },
    },
    examples: {
      bad: [
        {
          description: 'A 15-minute freshness served by a nightly export',
          files: withContracts(
            blueprint(`  - id: export-orders
    from: orders
    to: webshop
    pattern: batch
    via: export-job
    contract: { ref: orders-api, operation: getOrder }
    schedule: '0 2 * * *'
    requirements: [stock-visible]
`),
          ),
        },
      ],
      good: [
        {
          description: 'An order-created event serves the 15-minute freshness',
          files: withContracts(
            blueprint(`  - id: order-created
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, channel: orderCreated }
    requirements: [stock-visible]
`),
          ),
        },
      ],
    },
  },
  create(context) {
    const assumed = parseDuration(context.options.assumedBatchInterval) ?? 86_400_000;
    return {
      flow(flow) {
        if (flow.pattern !== 'batch') return;
        const known = scheduleInterval(flow.schedule);
        const interval = known ?? assumed;
        for (const id of flow.requirements) {
          const requirement = context.model.index.requirements.get(id);
          const freshness = parseDuration(requirement?.freshness);
          if (freshness === undefined || interval <= freshness) continue;
          context.report({
            messageId: 'tooSlow',
            at: flow.loc,
            path: flow.schedule !== undefined ? ['schedule'] : ['pattern'],
            data: {
              flow: flowLabel(flow),
              how:
                known !== undefined
                  ? `every ${formatDuration(interval)} (${code(flow.schedule!)})`
                  : `on no readable schedule (assumed every ${formatDuration(interval)})`,
              requirement: id,
              freshness: formatDuration(freshness),
            },
          });
        }
      },
    };
  },
});
