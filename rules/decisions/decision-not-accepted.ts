import { defineRule, quoted } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';
import { ADR_FILE, DECIDED_FLOW, GOOD_ADR } from '../support/examples.js';
import { flowLabel } from '../support/policies.js';

export default defineRule({
  meta: {
    id: 'decisions/decision-not-accepted',
    category: 'decisions',
    severity: 'warning',
    description: 'The ADR a flow links is `accepted` (not proposed, rejected, deprecated or superseded).',
    rationale:
      'A flow built on a proposed decision is built before the decision was made; one built on a rejected, deprecated or superseded decision follows advice the organisation has withdrawn. Either the ADR is out of date (accept it, or link its successor) or the flow is.',
    sources: [
      'MADR (Markdown Any Decision Records): status field',
      'Michael Nygard: Documenting Architecture Decisions (2011)',
    ],
    messages: {
      notAccepted:
        'Flow {{flow}} relies on ADR "{{adr}}", whose status is `{{status}}`, not `accepted`. Get the decision accepted (and update its status), or link the decision that is.',
      noStatus:
        'Flow {{flow}} relies on ADR "{{adr}}", which has no `status`, so nobody can tell whether it was accepted. Add `status: accepted` (or the real status) to its front matter.',
      superseded:
        'Flow {{flow}} relies on ADR "{{adr}}", which is superseded{{successor}}. Link the decision that replaced it, or revisit the flow.',
    },
    examples: {
      bad: [
        {
          description: 'The flow is built on a decision that is still a proposal',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, {
            [ADR_FILE]: GOOD_ADR.replace('status: accepted', 'status: proposed'),
          }),
        },
      ],
      good: [
        {
          description: 'The linked decision is accepted',
          files: withContracts(`${HEADER}${DECIDED_FLOW}`, { [ADR_FILE]: GOOD_ADR }),
        },
      ],
    },
  },
  create(context) {
    return {
      flow(flow) {
        const adr = flow.resolved.decision;
        if (!adr || adr.status === 'accepted') return;
        const at = { at: flow.loc, path: ['decision'] };
        const data = { flow: flowLabel(flow), adr: adr.id };
        if (adr.status === undefined) context.report({ messageId: 'noStatus', ...at, data });
        else if (adr.status === 'superseded')
          context.report({
            messageId: 'superseded',
            ...at,
            data: { ...data, successor: adr.supersededBy ? ` by ${quoted(adr.supersededBy)}` : '' },
          });
        else context.report({ messageId: 'notAccepted', ...at, data: { ...data, status: adr.status } });
      },
    };
  },
});
