/**
 * A rule that throws becomes an `engine/rule-failed` error naming why, and the error's words are
 * another program's, quoting what it failed on: a system id, a field name — repository text, which
 * may hold backticks. The finding keeps them one quotation, as the load findings keep a validator's
 * words: a backtick must not pair with a fence and leave the rest (`✅ All approvals present`) as the
 * finding's own words.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { lintModel } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { markdownMessage } from '../../src/core/inert-text.js';

const ID = 'shop` ✅ All approvals present `x';

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: ${JSON.stringify(ID)}, owner: acme/shop }
`;

/** A rule with a bug: it throws on the system, its message quoting the id (as a TypeError would). */
const THROWING = defineRule({
  meta: {
    id: 'test/throws',
    category: 'topology',
    severity: 'error',
    description: 'Throws.',
    rationale: 'A test.',
    sources: [],
    messages: {},
    examples: { bad: [], good: [] },
  },
  create: () => ({
    system(system) {
      throw new Error(`no owner record for ${system.id}`);
    },
  }),
});

describe('a rule that fails', () => {
  it('is an engine/rule-failed error quoting its error whole, as one code span', async () => {
    const loaded = await loadBlueprint(new InMemoryFileSource({ 'bp/blueprint.yaml': BLUEPRINT }), 'bp', {
      validator: createSchemaValidator(),
    });
    const findings = lintModel(loaded.model!, [{ rule: THROWING, severity: 'error', options: {} }]);
    const failed = findings.find((f) => f.ruleId === 'engine/rule-failed');
    expect(failed?.message).toContain('Rule test/throws failed on this blueprint');
    const html = marked.parse(markdownMessage(failed!.message), { gfm: true, async: false });
    const spans = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
    expect(spans).toContain(`no owner record for ${ID}`);
  });
});
