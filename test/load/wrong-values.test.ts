/**
 * A blueprint holding a value of another kind where one was expected — a number, a list, a mapping,
 * null (a key with nothing after it) — or missing a field: lint, every rule, the text and Markdown
 * reports and the architecture document all finish, and no message says `[object Object]`, `NaN` or
 * `undefined`. Each run changes a spread-out share of the leaves of one file of the order-to-cash
 * example, so every leaf of every blueprint file is changed in some run, in every way.
 */
import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument, visit } from 'yaml';
import type { Pair } from 'yaml';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { renderArchitectureHtml } from '../../src/doc/html.js';
import { renderArchitectureMarkdown } from '../../src/doc/markdown.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { createSchemaValidator } from '../../src/load/schema-validation.js';
import { renderLintMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { RULE_SET } from '../../rules/index.js';
import { exampleFiles } from '../support/example-files.js';
import { snapshotReview } from '../support/review-fixture.js';

const RULES = resolveRules(RULE_SET, {}).rules;
const validator = createSchemaValidator();

const EXAMPLE = exampleFiles();
const BLUEPRINT_FILES = Object.keys(EXAMPLE).filter((f) => /\.ya?ml$/.test(f) && !f.includes('/contracts/'));
const CHANGES = ['leave out', 12345, ['orders'], { a: 1 }, null] as const;
/** Each run changes every GROUPS-th leaf. */
const GROUPS = 4;

/** `text` with every scalar leaf whose index is `group` modulo GROUPS changed to `change`. */
function changed(
  text: string,
  change: (typeof CHANGES)[number],
  group: number,
): { text: string; leaves: number } {
  const doc = parseDocument(text);
  const leaves: Pair[] = [];
  const items: unknown[] = [];
  let index = 0;
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key !== 'value' && typeof key !== 'number') return undefined;
      if (index++ % GROUPS !== group) return undefined;
      if (change !== 'leave out') return doc.createNode(change);
      if (key === 'value') leaves.push(ancestors.at(-1) as Pair);
      else items.push(node);
      return undefined;
    },
  });
  if (change === 'leave out')
    visit(doc, {
      Pair: (_, pair) => (leaves.includes(pair) ? visit.REMOVE : undefined),
      Scalar: (_, node) => (items.includes(node) && isScalar(node) ? visit.REMOVE : undefined),
    });
  return { text: doc.toString(), leaves: Math.ceil(index / GROUPS) };
}

describe('values of the wrong kind, or missing, anywhere in a blueprint', () => {
  it.each(BLUEPRINT_FILES)(
    '%s: lint, the rules, the reports and the document finish and say what they mean',
    async (file) => {
      for (const change of CHANGES)
        for (let group = 0; group < GROUPS; group++) {
          const { text, leaves } = changed(EXAMPLE[file]!, change, group);
          expect(leaves).toBeGreaterThan(0);
          const where = `${file}, leaves ${group} mod ${GROUPS} → ${JSON.stringify(change)}`;
          const result = await lintBlueprint(
            new InMemoryFileSource({ ...EXAMPLE, [file]: text }),
            'blueprint',
            RULES,
            {
              validateContracts: false,
              validator,
            },
          );
          expect(
            result.findings.filter((f) => f.ruleId === 'engine/rule-failed'),
            where,
          ).toEqual([]);
          for (const f of result.findings)
            expect(f.message, `${where}: ${f.ruleId}`).not.toMatch(/\[object Object\]|\bNaN\b|\bundefined\b/);
          renderText(result.findings);
          renderLintMarkdown(result.findings, ['blueprint']);
          if (result.model) {
            renderArchitectureMarkdown(result.model, result.findings);
            renderArchitectureHtml(result.model, result.findings, { mermaidScript: '' });
          }
        }
    },
    240_000,
  );

  it('an entry of the wrong kind in the middle of a list: the findings of the entries after it stay on their own lines', async () => {
    const file = 'blueprint/blueprint.yaml';
    const lines = EXAMPLE[file]!.split('\n');
    const second = lines.indexOf('  - id: order-service');
    const third = lines.indexOf('  - id: warehouse');
    expect(second).toBeGreaterThan(0);
    expect(third).toBeGreaterThan(second);
    // The second system becomes one line of text; the third loses its owner.
    const edited = [...lines.slice(0, second), '  - just a sentence', ...lines.slice(third)];
    const warehouseLine = edited.indexOf('  - id: warehouse') + 1;
    const ownerAt = edited.findIndex((l, i) => i >= warehouseLine && l.startsWith('    owner:'));
    edited.splice(ownerAt, 1);
    const result = await lintBlueprint(
      new InMemoryFileSource({ ...EXAMPLE, [file]: edited.join('\n') }),
      'blueprint',
      RULES,
      { validateContracts: false, validator },
    );
    const at = (ruleId: string, text: string) =>
      result.findings
        .filter((f) => f.ruleId === ruleId && f.message.includes(text))
        .map((f) => f.range.start.line);
    expect(at('schema/invalid', '/systems/1 must be a mapping')).toEqual([second + 1]);
    expect(at('topology/owner-required', 'System "warehouse"')).toEqual([warehouseLine]);
  }, 60_000);

  it("a value of the wrong type is one finding, the schema's: no rule also reports the element it was left out of", async () => {
    const file = 'blueprint/blueprint.yaml';
    const original = EXAMPLE[file]!;
    const warehouse = original.indexOf('  - id: warehouse\n');
    const ownerAt = original.indexOf('    owner: ', warehouse);
    const ownerEnd = original.indexOf('\n', ownerAt);
    const crm = original.indexOf('  - id: crm\n');
    const crmOwnerAt = original.indexOf('    owner: ', crm);
    // warehouse: an owner of the wrong type; crm: no owner at all (a finding that must stay).
    const edited =
      original.slice(0, ownerAt) +
      '    owner: 12345' +
      original.slice(ownerEnd, crmOwnerAt) +
      original.slice(original.indexOf('\n', crmOwnerAt) + 1);
    const files = { ...EXAMPLE, [file]: edited };
    const result = await lintBlueprint(new InMemoryFileSource(files), 'blueprint', RULES, {
      validateContracts: false,
      validator,
    });
    const about = (pointer: string) =>
      result.findings
        .filter((f) => f.pointer === pointer || f.pointer.startsWith(`${pointer}/`))
        .map((f) => `${f.ruleId}: ${f.message}`);
    expect(about('/systems/2')).toEqual([
      'schema/invalid: blueprint/blueprint.yaml: /systems/2/owner must be a string, not a number',
    ]);
    expect(about('/systems/4')).toEqual([
      expect.stringMatching(/^topology\/owner-required: System "crm" has no `owner`/),
    ]);

    const review = await reviewPullRequest(snapshotReview(EXAMPLE, files));
    expect(review.newFindings.map((f) => `${f.ruleId} ${f.pointer}`).sort()).toEqual([
      'schema/invalid /systems/2/owner',
      'topology/owner-required /systems/4',
    ]);
  }, 60_000);
});
