import { defineRule, quoted } from '../../src/engine/rule.js';
import { findSection } from '../../src/load/madr.js';
import type { Adr } from '../../src/model/types.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';
import { listText } from '../support/policies.js';

/** MADR's required sections, with the titles older templates and Nygard's format use. */
const SECTIONS: { name: string; titles: string[] }[] = [
  { name: 'Context and Problem Statement', titles: ['Context and Problem Statement', 'Context'] },
  { name: 'Considered Options', titles: ['Considered Options', 'Options Considered', 'Options'] },
  { name: 'Decision Outcome', titles: ['Decision Outcome', 'Decision'] },
  { name: 'Consequences', titles: ['Consequences'] },
];

export default defineRule({
  meta: {
    id: 'decisions/adr-missing-sections',
    category: 'decisions',
    severity: 'warning',
    description:
      'Every ADR has the MADR sections: Context and Problem Statement, Considered Options, Decision Outcome and Consequences.',
    rationale:
      'An ADR is useful years later only if it says what problem was solved, which alternatives were weighed, what was chosen and what it costs. A record without its context or consequences cannot be re-evaluated when circumstances change; one without options cannot show the choice was a choice.',
    sources: [
      'MADR 4.0 template (adr.github.io/madr)',
      'Michael Nygard: Documenting Architecture Decisions (2011)',
    ],
    messages: {
      missing:
        'ADR "{{adr}}" has no {{sections}} {{noun}}. Add {{them}} (`## {{first}}`) as in the MADR template, so the decision can be re-evaluated later.',
    },
    examples: {
      bad: [
        {
          description: 'A decision without its considered options or consequences',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]:
              GOOD_ADR.slice(0, GOOD_ADR.indexOf('## Considered Options')) +
              GOOD_ADR.slice(GOOD_ADR.indexOf('## Decision Outcome'), GOOD_ADR.indexOf('## Consequences')),
          }),
        },
      ],
      good: [
        {
          description: 'All four MADR sections',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, { [ADR_FILE]: GOOD_ADR }),
        },
      ],
    },
  },
  create(context) {
    return {
      adr(adr) {
        const missing = SECTIONS.filter((s) => !hasSection(adr, s.name, s.titles)).map((s) => s.name);
        if (missing.length === 0) return;
        context.report({
          messageId: 'missing',
          at: { file: adr.file, pointer: '/title' },
          data: {
            adr: adr.id,
            sections: listText(missing.map((m) => quoted(m))),
            noun: missing.length === 1 ? 'section' : 'sections',
            them: missing.length === 1 ? 'it' : 'them',
            first: missing[0]!,
          },
        });
      },
    };
  },
});

/** MADR 3+ puts Consequences under Decision Outcome as a `###` heading; both count. */
function hasSection(adr: Adr, name: string, titles: string[]): boolean {
  if (findSection(adr, ...titles)) return true;
  const heading = new RegExp(`^###\\s+${name}\\b`, 'im');
  return adr.sections.some((s) => heading.test(s.body));
}
