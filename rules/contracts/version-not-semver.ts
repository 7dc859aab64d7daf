import { valid } from 'semver';
import { defineRule } from '../../src/engine/rule.js';
import { HEADER, ORDERS_OPENAPI, withContracts } from '../examples.js';

export default defineRule({
  meta: {
    id: 'contracts/version-not-semver',
    category: 'contracts',
    severity: 'warning',
    description: "A contract's `info.version` is a semantic version (MAJOR.MINOR.PATCH).",
    rationale:
      'Consumers, code generators and the breaking-change check read the version to decide what changed: a major bump announces a breaking change, a minor one an addition. Versions like `1.2`, `v3` or `2024-05` carry no such meaning, so a breaking change cannot be told from a fix.',
    sources: [
      'Semantic Versioning 2.0.0',
      'Zalando RESTful API Guidelines: use semantic versioning (rule 116)',
    ],
    messages: {
      notSemver:
        'Contract "{{contract}}" has version "{{version}}", which is not a semantic version. Use MAJOR.MINOR.PATCH (e.g. "{{suggestion}}") so consumers can tell a breaking change (major) from an addition (minor).',
    },
    examples: {
      bad: [
        {
          description: 'A two-part version',
          files: withContracts(HEADER, {
            'contracts/orders.openapi.yaml': ORDERS_OPENAPI.replace('  version: 1.0.0', "  version: '1.2'"),
          }),
        },
      ],
      good: [{ description: 'Version 1.0.0', files: withContracts(HEADER) }],
    },
  },
  create(context) {
    return {
      contract(contract) {
        const version = contract.document?.version;
        if (!contract.document || version === undefined || valid(version)) return;
        context.report({
          messageId: 'notSemver',
          at: { file: contract.document.file, pointer: '/info/version' },
          data: { contract: contract.id, version, suggestion: suggest(version) },
        });
      },
    };
  },
});

/** `1.2` → `1.2.0`, `v3` → `3.0.0`; otherwise `1.0.0`. */
function suggest(version: string): string {
  const parts = version
    .replace(/^v/i, '')
    .split('.')
    .filter((p) => /^\d+$/.test(p));
  if (parts.length === 0) return '1.0.0';
  return [...parts, '0', '0'].slice(0, 3).join('.');
}
