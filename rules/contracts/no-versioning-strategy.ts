import { token } from '../../src/core/inert-text.js';
import { defineRule } from '../../src/engine/rule.js';
import { HEADER, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'contracts/no-versioning-strategy',
    category: 'contracts',
    severity: 'warning',
    description: 'Every contract declares its versioning strategy (`versioning.strategy`).',
    rationale:
      'Contracts change. The versioning strategy decides what a breaking change costs — a new major version, a new `/v2` path, a new media type — and is what the breaking-change check asks for consent. Without one, the first breaking change is negotiated under time pressure, and consumers learn about it from errors.',
    sources: [
      'Zalando RESTful API Guidelines: compatibility and versioning (rules 106–116)',
      'Semantic Versioning 2.0.0',
      'AsyncAPI: message and channel versioning',
    ],
    messages: {
      missing:
        'Contract "{{contract}}" declares no versioning strategy, so nothing says how a breaking change is introduced. Add `versioning: { strategy: semver | url-path | header | media-type, compatibility: backward }`.',
      none: 'Contract "{{contract}}" has consumers ({{consumers}}) but `versioning.strategy: none`: any breaking change breaks them all at once. Choose a strategy (semver, url-path, header or media-type).',
    },
    examples: {
      bad: [
        {
          description: 'The orders API has no versioning strategy',
          files: withContracts(
            HEADER.replace(
              ', versioning: { strategy: semver } }\n  - { id: order-events',
              ' }\n  - { id: order-events',
            ),
          ),
        },
      ],
      good: [{ description: 'Both contracts are versioned semantically', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return {
      contract(contract) {
        if (!contract.versioning) {
          context.report({
            messageId: 'missing',
            at: contract.loc,
            path: ['versioning'],
            data: { contract: contract.id },
          });
        } else if (contract.versioning.strategy === 'none' && contract.consumers.length > 0) {
          context.report({
            messageId: 'none',
            at: contract.loc,
            path: ['versioning', 'strategy'],
            data: { contract: contract.id, consumers: contract.consumers.map(token).join(', ') },
          });
        }
      },
    };
  },
});
