/**
 * YAML merge keys (`<<: *base`) are read as YAML 1.1 tools read them, in blueprints and contracts:
 * a blueprint that shares fields through them is the same blueprint (no "unknown field `<<`", no
 * false "has no owner"), a review of the rewrite finds nothing changed, and a contract diff sees no
 * change where the merged schema is the same.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { RULE_SET } from '../../rules/index.js';
import { exampleFiles } from '../support/example-files.js';
import { getReturning, openApi } from '../support/openapi-doc.js';
import { snapshotReview } from '../support/review-fixture.js';
import { diffTexts } from '../support/diff-pair.js';

type Files = Record<string, string>;
const RULES = resolveRules(RULE_SET, {}).rules;
const BLUEPRINT = 'blueprint/blueprint.yaml';

const EXAMPLE = exampleFiles();

/**
 * The example with every platform component after the first taking its owner from the first one
 * (`<<: *gateway`; their own keys win over the merged ones).
 */
function withMergeKeys(files: Files): { files: Files; merges: number } {
  const text = files[BLUEPRINT]!;
  const first = '  - id: api-gateway\n';
  const [before, after] = [
    text.slice(0, text.indexOf(first)),
    text.slice(text.indexOf(first) + first.length),
  ];
  const ownerLine = '    owner: acme/integration-platform\n';
  const firstOwner = after.indexOf(ownerLine) + ownerLine.length;
  const rest = after.slice(firstOwner).split(ownerLine);
  const rewritten = `${before}  - &gateway\n    id: api-gateway\n${after.slice(0, firstOwner)}${rest.join('    <<: *gateway\n')}`;
  return { files: { ...files, [BLUEPRINT]: rewritten }, merges: rest.length - 1 };
}

describe('YAML merge keys', () => {
  it('a blueprint sharing owners through `<<: *gateway` lints as the original: same model, no finding', async () => {
    const { files, merges } = withMergeKeys(EXAMPLE);
    expect(merges).toBeGreaterThanOrEqual(4);
    const original = await lintBlueprint(new InMemoryFileSource(EXAMPLE), 'blueprint', RULES);
    const merged = await lintBlueprint(new InMemoryFileSource(files), 'blueprint', RULES);
    expect(merged.findings.map((f) => `${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    const owners = (r: typeof original) =>
      r.model!.components.map((c) => [c.id, c.owner, c.kind, c.technology]);
    expect(owners(merged)).toEqual(owners(original));
  }, 60_000);

  it('a review of that rewrite: nothing new, nothing removed, nobody asked', async () => {
    const { files } = withMergeKeys(EXAMPLE);
    const review = await reviewPullRequest(snapshotReview(EXAMPLE, files));
    expect(review.newFindings).toEqual([]);
    expect(review.fixed).toEqual([]);
    expect(review.touched).toEqual({ flows: [], systems: [] });
    expect(review.conclusion).toBe('success');
  }, 60_000);

  it('a contract diff sees a schema written with `<<:` as the same schema, and a real change through it', async () => {
    const api = (order: string) =>
      openApi(`x-bases:
  identified: &identified
    type: object
    required: [id]
    additionalProperties: false
paths:
${getReturning('/orders', order)}`);
    const plain = api(
      '{ type: object, required: [id], additionalProperties: false, properties: { id: { type: string } } }',
    );
    const merged = api('{ <<: *identified, properties: { id: { type: string } } }');
    const closedToOpen = api(
      '{ <<: *identified, additionalProperties: true, properties: { id: { type: string } } }',
    );
    const diff = (base: string, head: string) => diffTexts(base, head);
    const same = await diff(plain, merged);
    expect(same.problems).toEqual([]);
    expect(same.changes).toEqual([]);
    const opened = await diff(merged, closedToOpen);
    expect(opened.changes.map((c) => c.id)).toEqual(['response-additional-properties-opened']);
  });

  it('`x-` fields hold anchors for merge keys and extension data anywhere the schema is closed; other unknown fields stay errors', async () => {
    const text = EXAMPLE[BLUEPRINT]!;
    const ownerLine = '    owner: acme/integration-platform\n';
    const shared = text
      .replaceAll(ownerLine, '    <<: *platform\n')
      .replace(
        '\nsystems:\n',
        '\nx-shared:\n  platform: &platform\n    owner: acme/integration-platform\n\nsystems:\n',
      )
      .replace('  - id: api-gateway\n', '  - id: api-gateway\n    x-runbook: https://wiki.example/gateway\n')
      .replace('metadata:\n', 'metadata:\n  x-board: integration-board\n');
    expect(shared.split(ownerLine)).toHaveLength(2);
    const original = await lintBlueprint(new InMemoryFileSource(EXAMPLE), 'blueprint', RULES);
    const extended = await lintBlueprint(
      new InMemoryFileSource({ ...EXAMPLE, [BLUEPRINT]: shared }),
      'blueprint',
      RULES,
    );
    expect(extended.findings.map((f) => `${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([]);
    const owners = (r: typeof original) => r.model!.components.map((c) => [c.id, c.owner]);
    expect(owners(extended)).toEqual(owners(original));

    for (const near of ['X-runbook', 'xrunbook', 'runbook-x']) {
      const wrong = text.replace('  - id: api-gateway\n', `  - id: api-gateway\n    ${near}: here\n`);
      const result = await lintBlueprint(
        new InMemoryFileSource({ ...EXAMPLE, [BLUEPRINT]: wrong }),
        'blueprint',
        RULES,
      );
      expect(result.findings.map((f) => f.message)).toContainEqual(
        expect.stringContaining(`unknown field "${near}"`),
      );
    }
  }, 60_000);
});
