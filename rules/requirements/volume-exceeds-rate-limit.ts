import { defineRule, quoted } from '../../src/engine/rule.js';
import type { Flow, Rate, System } from '../../src/model/types.js';
import { placeOrderFlow, withContracts } from '../examples.js';
import { TECHNICAL_HEADER } from '../support/examples.js';
import { parseDuration } from '../support/duration.js';
import { flowLabel, listText } from '../support/policies.js';

const flow = (peak: number) => `flows:
${placeOrderFlow(`    volume:\n      peak: { requests: ${peak}, per: 1s }\n`)}`;

export default defineRule({
  meta: {
    id: 'requirements/volume-exceeds-rate-limit',
    category: 'requirements',
    severity: 'error',
    description:
      "A flow's expected peak volume (and the sum of all flows calling the same system) stays within the called system's declared rate limit.",
    rationale:
      'A flow whose peak is above the callee’s rate limit is throttled (HTTP 429) exactly when the business is busiest; with retries, the throttling turns into a retry storm. The numbers are both in the blueprint, so the review can compare them before the first peak does.',
    sources: [
      'Google SRE Book, ch. 21 "Handling Overload"',
      'RFC 6585 §4: 429 Too Many Requests',
      'Zalando RESTful API Guidelines: rate limiting',
    ],
    messages: {
      exceeds:
        'Flow {{flow}} peaks at {{peak}}/s, above the {{limit}}/s rate limit of "{{system}}": calls are throttled at peak. Lower the peak (batch, cache, queue), or agree a higher limit with the owner of "{{system}}" and update `technical.rateLimit`.',
      combined:
        'Flows {{flows}} together peak at {{peak}}/s, above the {{limit}}/s rate limit of "{{system}}". Spread or reduce the load, or agree a higher limit and update `technical.rateLimit`.',
    },
    examples: {
      bad: [
        {
          description: 'The webshop peaks at 150 calls a second; orders accepts 100',
          files: withContracts(`${TECHNICAL_HEADER}${flow(150)}`),
        },
      ],
      good: [
        {
          description: 'A 40/s peak against a 100/s limit',
          files: withContracts(`${TECHNICAL_HEADER}${flow(40)}`),
        },
      ],
    },
  },
  create(context) {
    return {
      blueprint(model) {
        const byCallee = new Map<System, { flow: Flow; peak: number }[]>();
        for (const flow of model.flows) {
          const callee = calleeOf(flow);
          const peak = perSecond(flow.volume?.peak);
          if (!callee || peak === undefined) continue;
          const calls = byCallee.get(callee);
          if (calls) calls.push({ flow, peak });
          else byCallee.set(callee, [{ flow, peak }]);
        }
        for (const [system, calls] of byCallee) {
          const limit = perSecond(system.technical?.rateLimit);
          if (limit === undefined) continue;
          const over = calls.filter((c) => c.peak > limit);
          for (const { flow, peak } of over)
            context.report({
              messageId: 'exceeds',
              at: flow.loc,
              path: ['volume', 'peak'],
              data: { flow: flowLabel(flow), peak: round(peak), limit: round(limit), system: system.id },
            });
          const total = calls.reduce((sum, c) => sum + c.peak, 0);
          if (over.length > 0 || calls.length < 2 || total <= limit) continue;
          context.report({
            messageId: 'combined',
            at: system.loc,
            path: ['technical', 'rateLimit'],
            data: {
              flows: listText(calls.map((c) => quoted(c.flow.id))),
              peak: round(total),
              limit: round(limit),
              system: system.id,
            },
          });
        }
      },
    };
  },
});

/**
 * The system whose rate limit the flow's calls count against: the callee of a request-response
 * flow, and for a batch the contract's provider (a batch may pull from its source). Event and
 * stream consumers read at their own pace from a broker, so their limits do not apply.
 */
function calleeOf(flow: Flow): System | undefined {
  if (flow.pattern === 'request-response') return flow.resolved.to;
  if (flow.pattern !== 'batch') return undefined;
  const provider = flow.resolved.contract?.provider;
  return provider === flow.from ? flow.resolved.from : flow.resolved.to;
}

function perSecond(rate: Rate | undefined): number | undefined {
  const per = parseDuration(rate?.per);
  // A rate without a number of requests (the schema reports it) says nothing about load.
  if (!rate || !Number.isFinite(rate.requests) || per === undefined || per === 0) return undefined;
  return (rate.requests * 1000) / per;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
