/**
 * Lists as long as a pull request makes them end in findings, never in "Maximum call stack size
 * exceeded": a spread in a call (`out.push(...rows)`, `Math.max(...runs)`) puts every element on the
 * stack, and past about 120,000 of them V8 throws. A blueprint of 160,000 systems, a table of as many
 * findings, an id of 300,000 backtick runs or an alias bomb over a 300,000-item sequence each ended
 * the review as an internal error, naming no file and no line.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { markdownCode, markdownText } from '../../src/core/inert-text.js';
import { parseLocated } from '../../src/core/located-document.js';
import { renderText } from '../../src/report/text.js';
import { CHECK_SUMMARY_LIMIT, renderCheckRun } from '../../src/review/render/check-run.js';
import { renderReviewText } from '../../src/review/render/text.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import type { NewFinding } from '../../src/review/types.js';
import { RULE_SET } from '../../rules/index.js';
import { checkSummary, emptyReview, ordersApiChange } from '../support/review-fixture.js';
import { unreviewedFacts } from '../support/signoff-fixture.js';
import { signoffFromSnapshots } from '../../src/signoff/pipeline.js';

const MANY = 160_000;

/** JSON (YAML's subset, read by the fast JSON parser): the blueprint's reading is not what is tried. */
function blueprint(systems: object[]): string {
  return JSON.stringify({
    apiVersion: 'blueprint-review/v1',
    kind: 'Blueprint',
    metadata: { name: 'shop', owner: 'acme/architects' },
    systems,
  });
}

function finding(i: number): NewFinding {
  return {
    id: i.toString(16).padStart(16, '0'),
    ruleId: 'ownership/system-owner',
    severity: i === MANY - 1 ? 'error' : 'warning',
    message: `System \`s${i}\` has no owner.`,
    file: 'blueprint/blueprint.yaml',
    pointer: `/systems/${i}`,
    range: { start: { line: i + 5, column: 5 }, end: { line: i + 5, column: 9 } },
  };
}

describe('lists as long as repository text makes them', () => {
  it('an id of 300,000 backtick runs is shown in a code span longer than any of them', () => {
    const id = '`a'.repeat(300_000);
    expect(markdownCode(id).startsWith('`` `a`a')).toBe(true);
    expect(markdownText(`@${id}`).startsWith('``@`a`a')).toBe(true);
  });

  it('an alias bomb over a sequence of 300,000 items is a located problem', () => {
    const items = Array(300_000).fill('1').join(',');
    const uses = Array(150).fill('*a').join(',');
    const result = parseLocated('blueprint.yaml', `big: &a [${items}]\nuses: [${uses}]\n`, {
      maxAliasCount: 100,
    });
    expect(result.kind === 'error' && result.problems.map((p) => [p.code, p.range.start.line])).toEqual([
      ['alias-limit', 2],
    ]);
  }, 120_000);

  it('a blueprint adding 160,000 systems is reviewed: every one an addition', async () => {
    const many = Array.from({ length: MANY }, (_, i) => ({ id: `s${i}`, owner: 'a/b' }));
    const base = { 'blueprint/blueprint.yaml': blueprint([{ id: 'shop', owner: 'acme/shop' }]) };
    const head = { 'blueprint/blueprint.yaml': blueprint(many) };
    expect(head['blueprint/blueprint.yaml'].length).toBeLessThan(5 * 1024 * 1024);
    const review = await reviewPullRequest({
      base: new InMemoryFileSource(base, 'base'),
      head: new InMemoryFileSource(head, 'head'),
      changedFiles: [{ path: 'blueprint/blueprint.yaml', status: 'modified' }],
      config: { blueprints: ['blueprint'] },
      // No rules: what is measured is the review's own bookkeeping, not 320,000 lint findings.
      ruleSet: { ...RULE_SET, rules: [] },
    });
    expect(review.additions).toHaveLength(MANY);
  }, 120_000);

  it('a pull request adding 160,000 systems is derived for sign-off: every system an addition', async () => {
    // The derivation spread its changes into a call (RangeError past ~120,000) and looked each id up
    // with a scan of every element (quadratic: 20,000 systems took 17 s of CPU, 160,000 beyond any
    // job budget); now a loop and the model's index.
    const many = Array.from({ length: MANY }, (_, i) => ({ id: `s${i}` }));
    const { changes } = await signoffFromSnapshots({
      base: new InMemoryFileSource({ 'blueprint/blueprint.yaml': blueprint([{ id: 'shop' }]) }, 'base'),
      head: new InMemoryFileSource({ 'blueprint/blueprint.yaml': blueprint(many) }, 'head'),
      changedFiles: [{ path: 'blueprint/blueprint.yaml', status: 'modified' }],
      facts: unreviewedFacts(),
      org: 'acme',
    });
    expect(changes.problems).toEqual([]);
    const added = changes.changes.filter(
      (c) => c.subject.kind === 'system' && c.categories.includes('addition'),
    );
    expect(added).toHaveLength(MANY);
    expect(changes.changes.find((c) => c.subject.id === 'shop')?.summary).toBe('system shop is removed');
  }, 120_000);

  it('400 changed contracts with long ids leave the owners to ask, the additions and the finalized warning in the check summary', () => {
    // Each id within what a code span shows whole; together far more than a summary holds.
    const ids = Array.from({ length: 400 }, (_, i) => `contract-${i}-${'x'.repeat(400)}`);
    const breaking = {
      ...finding(0),
      ruleId: 'breaking/response-property-removed',
      severity: 'error' as const,
    };
    const review = emptyReview({
      newFindings: [breaking],
      contracts: ids.map((id) => ({
        ...ordersApiChange(breaking),
        id,
        owner: `acme/${id}`,
        consumers: [id],
      })),
      owners: [
        { owner: 'acme/orders', reasons: [{ kind: 'contract-owner', contract: ids[0]! }] },
        {
          owner: 'acme/webshop',
          reasons: [{ kind: 'contract-consumer', system: 'webshop', contract: ids[0]!, breaking: true }],
        },
      ],
      additions: [{ kind: 'system', id: 'invoicing', blueprint: 'blueprint' }],
    });
    const summary = checkSummary(review, [breaking]);
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(summary).toContain('### Owners affected');
    expect(summary).toMatch(/^- `acme\/orders`: owns contract `contract-0-x+`$/m);
    expect(summary).toMatch(/^- `acme\/webshop`: webshop consumes `contract-0-x+` \(breaking change\)$/m);
    expect(summary).toContain('- system `invoicing`');
    expect(summary).toContain('⚠️ A finalized contract changes incompatibly');
    expect(summary).toContain(`\`${ids[0]}\``);
  });

  it('160,000 findings: the check run, the terminal and the lint report are rendered', () => {
    const findings = Array.from({ length: MANY }, (_, i) => finding(i));
    const review = emptyReview({ newFindings: findings });
    const docs = ruleDocs(RULE_SET);
    const placement = { comments: [], elsewhere: findings };
    const check = renderCheckRun(review, placement, { docs, checkName: 'Blueprint review: main' });
    expect(check.summary).toContain(`System \`s${MANY - 1}\` has no owner.`);
    expect(renderReviewText(review, placement, { docs, color: false })).toContain(`s${MANY - 1}`);
    expect(renderText(findings)).toContain(`s${MANY - 1}`);
  }, 120_000);
});
