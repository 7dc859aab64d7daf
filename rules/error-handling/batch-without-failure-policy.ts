import { defineRule } from '../../src/engine/rule.js';
import { HEADER } from '../examples.js';
import { withPolicies } from '../support/examples.js';
import { errorHandlingOf, flowLabel, listText } from '../support/policies.js';

const header = HEADER.replace(
  '  - { id: order-topic, kind: broker-topic, owner: acme/platform }\n',
  '  - { id: order-topic, kind: broker-topic, owner: acme/platform }\n  - { id: nightly-export, kind: etl-job, owner: acme/platform }\n',
);

const FLOW = `flows:
  - id: export-orders
    from: orders
    to: webshop
    pattern: batch
    via: nightly-export
    contract: { ref: orders-api, operation: getOrder }
    schedule: '0 2 * * *'
    errorHandling: nightly-batch
`;

const MISSING = {
  onFailure: 'what a failed record does to the run (`onFailure`)',
  partialFailure: 'how a partly applied run is detected and completed (`partialFailure`)',
  rerun: 'how a run is re-run safely (`rerun`)',
} as const;

export default defineRule({
  meta: {
    id: 'error-handling/batch-without-failure-policy',
    category: 'error-handling',
    severity: 'warning',
    description:
      'A batch flow says what a failed record does to the run, how a partly applied run is completed, and how a run is re-run safely.',
    rationale:
      'Batch runs fail halfway: the file is half loaded, some records are rejected, the job dies at record 40,000 of 100,000. Without a decided behaviour (abort, skip and quarantine, retry the run) and an idempotent re-run procedure, operators improvise at 3 a.m. and either lose records or load them twice.',
    sources: [
      'Spring Batch reference: skip, retry and restart',
      'AWS Well-Architected Framework, Reliability pillar: make all responses idempotent; design for failure',
    ],
    messages: {
      noPolicy:
        'Batch flow {{flow}} has no error-handling policy: nothing says what a failed record or a half-finished run does. Add a policy with `batch: { onFailure, partialFailure, rerun }`.',
      incomplete:
        'Batch flow {{flow}} uses {{policy}}, which does not say {{missing}}. Add the missing `batch` fields so a failed run is completed or re-run without losing or duplicating records.',
    },
    examples: {
      bad: [
        {
          description: 'A nightly export that retries but never says what a half-finished run means',
          files: withPolicies(
            `${header}${FLOW}`,
            `errorHandling:
  - id: nightly-batch
    retry: { maxAttempts: 2, initialInterval: 10m, multiplier: 2, maxInterval: 30m, jitter: full }
    alerts: { errorRate: 1%, route: pagerduty:orders-oncall }
`,
          ),
        },
      ],
      good: [
        {
          description:
            'Bad records are quarantined; the run is idempotent by business date and can be re-run',
          files: withPolicies(
            `${header}${FLOW}`,
            `errorHandling:
  - id: nightly-batch
    alerts: { errorRate: 1%, route: pagerduty:orders-oncall }
    batch:
      onFailure: quarantine
      partialFailure: The run writes to a staging table and switches it in only when every record is loaded.
      rerun: Re-running a business date replaces that date's rows (idempotent by date).
`,
          ),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        if (flow.pattern !== 'batch') return;
        const { policy, at, path, name, dangling } = errorHandlingOf(flow);
        if (dangling) return;
        if (!policy) {
          context.report({ messageId: 'noPolicy', at, path, data: { flow: flowLabel(flow) } });
          return;
        }
        const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter(
          (field) => !policy.batch?.[field],
        );
        if (missing.length === 0) return;
        context.report({
          messageId: 'incomplete',
          at,
          path,
          data: { flow: flowLabel(flow), policy: name!, missing: listText(missing.map((f) => MISSING[f])) },
        });
      },
    };
  },
});
