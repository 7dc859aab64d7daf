/**
 * A Markdown table cell within its writer's bound as shown. GitHub splits a row into cells at every
 * `|` not escaped, so a cell escapes its pipes: a message's `|` shown as `\|` became `\\|` in the cell,
 * a code span's `|` became `\|`. Escaped after the message had been cut to `MAX_MESSAGE_CHARS`, a cell
 * of a value made of pipes came out 1.5 to 2 times its bound — 8,000 characters where 4,000 were
 * meant. Each table here (lint, diff, review and sign-off summaries, architecture document): every cell that shows
 * repository text within `MAX_MESSAGE_CHARS`, a value's within `MAX_VALUE_CHARS` and its fence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { Finding } from '../../src/core/finding.js';
import { MAX_MESSAGE_CHARS, MAX_VALUE_CHARS } from '../../src/core/inert-text.js';
import { renderDiffMarkdown } from '../../src/diff/render.js';
import { renderArchitectureMarkdown } from '../../src/doc/markdown.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import type { BlueprintModel } from '../../src/model/types.js';
import { renderLintMarkdown } from '../../src/report/markdown.js';
import { placeFindings } from '../../src/review/placement.js';
import { renderSummary } from '../../src/review/render/summary.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import { diffTexts } from '../support/diff-pair.js';
import { rewrittenFilesBetween } from '../support/review-fixture.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';

/** Shown as `\|` in text, `\\|` in a cell: three characters each. */
const PIPES = '|'.repeat(3_000);

const BASE: Record<string, string> = { ...ONE_SYSTEM_BASE };
const HEAD: Record<string, string> = {
  ...BASE,
  'blueprint/blueprint.yaml': `${BASE['blueprint/blueprint.yaml']}  - { id: ${JSON.stringify(`p${PIPES}`)} }
flows:
  - { id: ${JSON.stringify(`f${PIPES}`)}, from: shop, to: ${JSON.stringify(`p${PIPES}`)}, pattern: event }
`,
};

/** The cells of every row of every table in `markdown` that holds `marker` (separators aside). */
function cellsWith(markdown: string, marker: string): string[] {
  const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes(marker));
  expect(rows.length, `a row showing ${marker}`).toBeGreaterThan(0);
  // Every pipe of repository text is escaped in a cell: ` | ` is only ever a separator.
  return rows.flatMap((row) => row.slice(2, -2).split(' | '));
}

function expectWithinMessageBound(cells: readonly string[]): void {
  for (const cell of cells) expect(cell.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
}

describe('a table cell of repository text made of pipes', () => {
  let findings: Finding[];
  let model: BlueprintModel;

  beforeAll(async () => {
    const lint = await lintBlueprint(
      new InMemoryFileSource(HEAD),
      'blueprint',
      resolveRules(RULE_SET, {}).rules,
    );
    findings = lint.findings;
    model = lint.model!;
  }, 60_000);

  it('lint --format markdown: each cell within its bound', () => {
    expectWithinMessageBound(cellsWith(renderLintMarkdown(findings, ['blueprint']), '\\\\|'));
  });

  it('the architecture document: each cell within its bound (a name in bold: the markers aside)', () => {
    const cells = cellsWith(renderArchitectureMarkdown(model, findings), '\\\\|');
    expectWithinMessageBound(cells.map((c) => c.replace(/^\*\*(.*)\*\*$/, '$1')));
  });

  it("the review's summary: each finding's cell within its bound", async () => {
    const review = await reviewPullRequest({
      base: new InMemoryFileSource(BASE, 'base'),
      head: new InMemoryFileSource(HEAD, 'head'),
      changedFiles: rewrittenFilesBetween(BASE, HEAD),
      config: { blueprints: ['blueprint'] },
      ruleSet: RULE_SET,
    });
    const summary = renderSummary(review, {
      docs: ruleDocs(RULE_SET),
      placement: placeFindings(review.newFindings, []),
    });
    const cells = cellsWith(summary, '\\\\|').map((c) => c.replace(/<br><sub>Why: .*$/, ''));
    expectWithinMessageBound(cells);
  }, 60_000);

  it("the sign-off summary: each rule's cells within their bound", async () => {
    const { decision } = await unreviewedSignoff(
      new InMemoryFileSource(BASE, 'base'),
      new InMemoryFileSource(HEAD, 'head'),
      rewrittenFilesBetween(BASE, HEAD),
    );
    // Why a rule applies: one message per element, each within the bound, a line break between.
    const cells = cellsWith(renderSummaryMarkdown(decision), '\\\\|');
    expectWithinMessageBound(cells.flatMap((c) => c.split('<br>')));
  }, 60_000);

  it('diff --format markdown: the change and the place within their bounds', async () => {
    // JSON: YAML takes no implicit key longer than 1,024 characters.
    const api = (paths: readonly string[]) =>
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1.0.0' },
        paths: Object.fromEntries(
          paths.map((p) => [p, { get: { responses: { 200: { description: 'ok' } } } }]),
        ),
      });
    const outcome = await diffTexts(api(['/kept', `/${PIPES}`]), api(['/kept']), {}, 'api.json');
    const [, where, change] = cellsWith(renderDiffMarkdown(outcome, 'base → head'), '\\|');
    expect(change!.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(where!.replace(/ \(base\)$/, '').length).toBeLessThanOrEqual(MAX_VALUE_CHARS + 2);
  });
});
