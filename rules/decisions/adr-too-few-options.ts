import { defineRule } from '../../src/engine/rule.js';
import { findSection } from '../../src/load/madr.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';

interface Options {
  minOptions: number;
}

export default defineRule<Options>({
  meta: {
    id: 'decisions/adr-too-few-options',
    category: 'decisions',
    severity: 'warning',
    description: 'An ADR lists at least two considered options.',
    rationale:
      'A decision with one option is a description, not a decision: it records no trade-off, so nobody can later tell what was given up or when to revisit it. Listing the serious alternatives (including "do nothing") is what makes the rationale checkable.',
    sources: [
      'MADR 4.0 template: Considered Options',
      'Olaf Zimmermann: Y-statements and the "neglected options" of a decision',
    ],
    messages: {
      tooFew:
        'ADR "{{adr}}" lists {{count}} considered option{{plural}}; a decision needs at least {{min}}. List the alternatives that were weighed (as bullet points under "Considered Options") and why they lost.',
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minOptions: { type: 'integer', minimum: 1, description: 'Options an ADR must list.' },
        },
      },
      defaults: { minOptions: 2 },
    },
    examples: {
      bad: [
        {
          description: 'Only the chosen option is listed',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]: GOOD_ADR.replace('- Webhooks from the orders service\n- Nightly export\n', ''),
          }),
        },
      ],
      good: [
        {
          description: 'Three options, one chosen',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, { [ADR_FILE]: GOOD_ADR }),
        },
      ],
    },
  },
  create(context) {
    const min = context.options.minOptions;
    return {
      adr(adr) {
        // Without the section at all, decisions/adr-missing-sections reports it.
        if (!findSection(adr, 'Considered Options', 'Options Considered', 'Options')) return;
        if (adr.consideredOptions >= min) return;
        context.report({
          messageId: 'tooFew',
          at: { file: adr.file, pointer: '/sections/Considered Options' },
          data: {
            adr: adr.id,
            count: adr.consideredOptions,
            plural: adr.consideredOptions === 1 ? '' : 's',
            min,
          },
        });
      },
    };
  },
});
