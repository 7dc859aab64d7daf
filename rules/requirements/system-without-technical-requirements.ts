import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { TECHNICAL_HEADER } from '../support/examples.js';
import { listText } from '../support/policies.js';

const MISSING = {
  rateLimit: 'its rate limit (`rateLimit`)',
  auth: 'the auth models it supports (`auth`)',
  payloadFormats: 'the payload formats it reads and writes (`payloadFormats`)',
} as const;

export default defineRule({
  meta: {
    id: 'requirements/system-without-technical-requirements',
    category: 'requirements',
    severity: 'info',
    description:
      'Every system declares its technical requirements: rate limit, supported auth models and payload formats.',
    rationale:
      'Integration designs break on the constraints of the systems at either end: a SaaS that allows 25 requests a second, a legacy system that speaks only basic auth or CSV. Declaring them per system lets the review check every flow against them (volume against rate limit, auth model against what the peer supports) instead of discovering them in the first load test.',
    sources: [
      'arc42, section 2: constraints',
      'Zalando RESTful API Guidelines: rate limiting (429, X-RateLimit headers)',
    ],
    messages: {
      missing:
        'System "{{system}}" declares no technical requirements. Add `technical: { rateLimit, auth, payloadFormats }` so flows to and from it can be checked against its limits.',
      incomplete:
        'System "{{system}}" does not declare {{missing}} under `technical`. Add {{them}} so flows to and from it can be checked against its limits.',
    },
    examples: {
      bad: [{ description: 'Systems with nothing said about their limits', files: withContracts(HEADER) }],
      good: [
        {
          description: 'Both systems declare rate limit, auth and payload formats',
          files: withContracts(TECHNICAL_HEADER),
        },
      ],
    },
  },
  create(context) {
    return {
      system(system) {
        const technical = system.technical;
        if (!technical) {
          context.report({
            messageId: 'missing',
            at: system.loc,
            path: ['technical'],
            data: { system: system.id },
          });
          return;
        }
        const missing = (Object.keys(MISSING) as (keyof typeof MISSING)[]).filter((field) => {
          const value = technical[field];
          return Array.isArray(value) ? value.length === 0 : value === undefined;
        });
        if (missing.length === 0) return;
        context.report({
          messageId: 'incomplete',
          at: system.loc,
          path: ['technical'],
          data: {
            system: system.id,
            missing: listText(missing.map((f) => MISSING[f])),
            them: missing.length === 1 ? 'it' : 'them',
          },
        });
      },
    };
  },
});
