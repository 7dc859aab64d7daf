/**
 * Every writer bounds what it shows, not the text before it was made inert. Making repository text
 * inert lengthens it — a zero-width space is shown as the six characters `\u200b`, seven once its
 * backslash is escaped for Markdown; `<` is `#60;` in a Mermaid label — so a value or a message cut to
 * its bound before rendering came out up to nine times longer: a review comment listing a change's
 * operations passed GitHub's 65,536 characters and lost the finding, and a cut made after rendering
 * (the Actions log's) split an escape in half. Each writer here: within its bound as shown, the cut
 * said, every escape whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import { MAX_MESSAGE_CHARS, MAX_VALUE_CHARS } from '../../src/core/inert-text.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { renderSarif, sarifRuleCatalog } from '../../src/report/sarif.js';
import { workflowAnnotation } from '../../src/report/workflow-annotations.js';
import { placeFindings } from '../../src/review/placement.js';
import { renderCheckRun } from '../../src/review/render/check-run.js';
import { touchedFlowsDiagram } from '../../src/review/render/mermaid.js';
import { REVIEW_COMMENT_LIMIT, renderLineComments } from '../../src/review/render/pull-request-review.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import type { NewFinding, Review } from '../../src/review/types.js';
import { RULE_SET, RULES } from '../../rules/index.js';
import { rewrittenFilesBetween } from '../support/review-fixture.js';
import { ONE_SYSTEM_BASE } from '../support/signoff-fixture.js';

/** Shown as `\u200b`: six characters each in plain text, seven in Markdown. */
const ZWSP = '\u200b';
/** A value that is mostly invisible: within every bound as written, several times over once shown. */
const HIDDEN = `hidden-start${ZWSP.repeat(3_500)}hidden-end`;

/** An escape of ours cut in half: `\u` or `\x` not followed by a whole code. */
const HALF_ESCAPE = /\\u(?![0-9a-f]{4}|\{[0-9a-f]+\})|\\x(?![0-9a-f]{2})/;
const CUT_SAID = /… \(\d+ more characters\)$/;

const BASE: Record<string, string> = { ...ONE_SYSTEM_BASE };
const HEAD: Record<string, string> = {
  ...BASE,
  'blueprint/blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
  - { id: &hidden ${JSON.stringify(HIDDEN)}, owner: acme/shop }
flows:
  - { id: *hidden, from: *hidden, to: shop, pattern: request-response }
`,
};

describe('a value that grows when shown', () => {
  const docs = ruleDocs(RULE_SET);
  let review: Review;
  let quoting: NewFinding[];

  beforeAll(async () => {
    review = await reviewPullRequest({
      base: new InMemoryFileSource(BASE, 'base'),
      head: new InMemoryFileSource(HEAD, 'head'),
      changedFiles: rewrittenFilesBetween(BASE, HEAD),
      config: { blueprints: ['blueprint'] },
      ruleSet: RULE_SET,
    });
    quoting = review.newFindings.filter((f) => f.message.includes(HIDDEN));
  }, 60_000);

  it('is quoted whole by findings (within the message bound as written)', () => {
    expect(quoting.length).toBeGreaterThan(0);
    expect(quoting.some((f) => f.message.length <= MAX_MESSAGE_CHARS)).toBe(true);
  });

  it('check run annotations: the message within MAX_MESSAGE_CHARS as shown, the cut said, escapes whole', () => {
    const check = renderCheckRun(
      review,
      { comments: [], elsewhere: quoting },
      { docs, checkName: 'Blueprint review: main' },
    );
    expect(check.annotations).toHaveLength(quoting.length);
    for (const a of check.annotations) {
      const [message] = a.message.split('\nWhy: ');
      expect(message!.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(message).toMatch(CUT_SAID);
      expect(message).not.toMatch(HALF_ESCAPE);
    }
  });

  it("the Actions log's annotations: the runner's 4,096 characters kept, the cut said, no escape cut in half", () => {
    for (const f of quoting) {
      const line = workflowAnnotation(f).line;
      const message = line.slice(line.indexOf('::', 2) + 2);
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(message).toMatch(CUT_SAID);
      expect(message).not.toMatch(HALF_ESCAPE);
    }
  });

  it('the check summary: a value in a code span and a message in the table within their bounds as shown', () => {
    const summary = renderCheckRun(review, placeFindings(review.newFindings, []), {
      docs,
      checkName: 'Blueprint review: main',
    }).summary;
    const spans = summary.match(/`hidden-start[^`]*`/g) ?? [];
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.length).toBeLessThanOrEqual(MAX_VALUE_CHARS + 2);
      expect(span).not.toMatch(HALF_ESCAPE);
    }
    const rows = summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('hidden-start'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [, , what] = row.split(/(?<!\\) \| /);
      expect(what!.replace(/<br><sub>Why: .*$/, '').length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
  });

  it('the touched-flows diagram: each label within MAX_VALUE_CHARS as shown', () => {
    const diagram = touchedFlowsDiagram(review.flows)!;
    const labels = diagram.match(/"[^"]*hidden-start[^"]*"/g) ?? [];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(MAX_VALUE_CHARS + 2);
  });

  it('SARIF: each result message within the rule description and MAX_MESSAGE_CHARS as shown', async () => {
    const { findings } = await lintBlueprint(
      new InMemoryFileSource(HEAD),
      'blueprint',
      resolveRules(RULE_SET, {}).rules,
    );
    const sarif = JSON.parse(
      renderSarif(findings, { rules: sarifRuleCatalog(RULES), toolVersion: '0.0.0' }),
    ) as {
      runs: {
        results: { ruleId: string; message: { text: string } }[];
        tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
      }[];
    };
    const run = sarif.runs[0]!;
    const described = new Map(run.tool.driver.rules.map((r) => [r.id, r.shortDescription.text]));
    const long = run.results.filter((r) => r.message.text.includes('hidden-start'));
    expect(long.length).toBeGreaterThan(0);
    for (const r of long) {
      const description = described.get(r.ruleId) ?? '';
      expect(r.message.text.length).toBeLessThanOrEqual(description.length + 1 + MAX_MESSAGE_CHARS);
      expect(r.message.text).not.toMatch(HALF_ESCAPE);
    }
  });
});

describe('a contract change whose operations and words grow when shown', () => {
  it('is one review comment GitHub takes, the finding in it, not dropped for its length', () => {
    const docs = ruleDocs(RULE_SET);
    // Each part within its bound as written: the message and the fix 3,900 characters, each of the
    // hundred operations listed 290.
    const operations = Array.from({ length: 100 }, (_, i) => `GET /orders/${i}${ZWSP.repeat(280)}`);
    const f: NewFinding & { operations: string[] } = {
      id: '00000000aaaabbbb',
      ruleId: 'breaking/response-property-removed',
      severity: 'error',
      message: `Property \`total\` was removed from ${ZWSP.repeat(3_900)} 100 operations.`,
      fix: { description: `Restore ${ZWSP.repeat(3_900)} it.` },
      file: 'blueprint/orders.openapi.yaml',
      pointer: '/paths/~1orders/get',
      range: { start: { line: 12, column: 3 }, end: { line: 12, column: 9 } },
      operations,
    };
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    expect(comment!.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
    expect(comment!.body).not.toContain('did not fit');
    expect(comment!.body).toContain('Property `total` was removed');
    expect(comment!.body).toContain('Affects 100 operations');
    expect(comment!.body).not.toMatch(HALF_ESCAPE);
  });
});
