import { token } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import type { Loc } from '../../src/model/types.js';
import { HEADER, withContracts } from '../examples.js';

/** The orders API registered a second time under another id and owner. */
const SECOND_ENTRY =
  '  - { id: orders-api-v1, file: contracts/orders.openapi.yaml, owner: acme/billing, status: draft, consumers: [billing], versioning: { strategy: semver } }\n';

export default defineRule({
  meta: {
    id: 'contracts/duplicate-document',
    category: 'contracts',
    severity: 'warning',
    description: 'Each contract document is registered by one contract entry.',
    rationale:
      'A contract entry says who owns a document, who consumes it and how it is versioned. Two entries for one file say two things at once: a change to it is diffed once per entry, its owners and consumers are the union of both lists, and which versioning strategy consents to a breaking change depends on the entry read. One entry per document keeps ownership and consent unambiguous.',
    sources: [
      'Backstage catalog: one API entity per definition',
      'Team Topologies: clear ownership of interfaces',
    ],
    messages: {
      duplicate:
        'Contract "{{contract}}" registers {{file}}, which contract "{{first}}" already registers ({{at}}). Merge the two entries (owners and consumers in one list), or point this one at its own document.',
    },
    examples: {
      bad: [
        {
          description: 'The orders API is registered twice, with two owners',
          files: withContracts(HEADER + SECOND_ENTRY),
        },
      ],
      good: [{ description: 'One entry per document', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return {
      blueprint(model) {
        const first = new Map<string, { id: string; loc: Loc }>();
        for (const contract of model.contracts) {
          if (contract.path === undefined) continue;
          const seen = first.get(contract.path);
          if (!seen) {
            first.set(contract.path, contract);
            continue;
          }
          const line = model.documents.get(seen.loc.file)?.rangeOf(seen.loc.pointer).start.line;
          context.report({
            messageId: 'duplicate',
            at: contract.loc,
            path: ['file'],
            data: {
              contract: contract.id,
              file: token(contract.path),
              first: seen.id,
              at: `${token(seen.loc.file)}${line ? ':' + line : ''}`,
            },
          });
        }
      },
    };
  },
});
