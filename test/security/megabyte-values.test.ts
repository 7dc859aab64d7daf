/**
 * A hostile value of a megabyte in every slot a blueprint gives it — a system's id, name, owner and
 * description, a flow's id and ends, a contract's id, owner and file name — goes through the whole
 * review and sign-off: what is posted stays within GitHub's limits (a check's summary 65,535
 * characters, an annotation's message 64 KB and title 255, 50 annotations a request, a review
 * comment 65,536), else GitHub refuses the write and the verdict is never shown; and the verdict
 * survives the cut: the conclusion, the title and the findings' section are still there. The
 * Action's log annotations (what a fork's read-only run shows) are bounded the same way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import {
  ANNOTATIONS_PER_REQUEST,
  annotationBatches,
  CHECK_SUMMARY_LIMIT,
  renderCheckRun,
} from '../../src/review/render/check-run.js';
import {
  REVIEW_COMMENT_LIMIT,
  renderLineComments,
  renderPullRequestReview,
} from '../../src/review/render/pull-request-review.js';
import { placeFindings } from '../../src/review/placement.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import type { Review } from '../../src/review/types.js';
import { rewrittenFilesBetween } from '../support/review-fixture.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';
import { decisionTitle, MAX_SUMMARY_CHARS, renderSummaryMarkdown } from '../../src/signoff/render.js';
import { RULE_SET, RULES } from '../../rules/index.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { renderSarif, sarifRuleCatalog } from '../../src/report/sarif.js';
import { workflowAnnotation } from '../../src/report/workflow-annotations.js';

const MEGABYTE = 1024 * 1024;
/** GitHub's limits on one annotation (checks API): message and raw details 64 KB, title 255 characters. */
const ANNOTATION_MESSAGE_LIMIT = 64 * 1024;
const ANNOTATION_TITLE_LIMIT = 255;

/** A megabyte that GitHub would read as mentions, markup and references if it were shown raw. */
const huge = (tag: string) => `${tag}-` + '@acme/x <b>`#1` '.repeat(Math.ceil(MEGABYTE / 16)) + `-${tag}`;

/** One value for every slot, written once (a YAML anchor): a blueprint file is read up to 5 MB. */
const HUGE = huge('value');
const FILE = `contracts/${'f'.repeat(MEGABYTE)}.openapi.yaml`;

const BASE: Record<string, string> = { ...ONE_SYSTEM_BASE };
const HEAD: Record<string, string> = {
  ...BASE,
  'blueprint/blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
  - { id: &huge ${JSON.stringify(HUGE)}, name: *huge, description: *huge, owner: *huge }
contracts:
  - { id: *huge, file: ${JSON.stringify(FILE)}, owner: *huge, provider: shop, status: finalized, consumers: [*huge] }
flows:
  - { id: *huge, from: *huge, to: shop, pattern: request-response }
`,
  [`blueprint/${FILE}`]: 'openapi: 3.1.0\ninfo: { title: x, version: 1.0.0 }\npaths: {}\n',
};

const changedFiles = () => rewrittenFilesBetween(BASE, HEAD);

describe('a megabyte in every slot', () => {
  const docs = ruleDocs(RULE_SET);
  let review: Review;

  beforeAll(async () => {
    review = await reviewPullRequest({
      base: new InMemoryFileSource(BASE, 'base'),
      head: new InMemoryFileSource(HEAD, 'head'),
      changedFiles: changedFiles(),
      config: { blueprints: ['blueprint'] },
      ruleSet: RULE_SET,
    });
  }, 120_000);

  it('reaches the review: findings name the huge values', () => {
    expect(review.conclusion).toBe('failure');
    expect(review.newFindings.some((f) => f.message.includes('value-@acme'))).toBe(true);
  });

  it('the check run: summary, title and every annotation within limits, the verdict intact', () => {
    const placement = placeFindings(review.newFindings, changedFiles(), { maxLineComments: 1 });
    const check = renderCheckRun(review, placement, { docs, checkName: 'Blueprint review: main' });
    expect(check.conclusion).toBe('failure');
    expect(check.title).toMatch(/^\d+ errors?\b.*introduced/);
    expect(check.title.length).toBeLessThan(1000);
    expect(check.summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(check.summary).toContain('### New findings');
    expect(check.annotations.length).toBeGreaterThan(0);
    for (const a of check.annotations) {
      expect(new TextEncoder().encode(a.message).length).toBeLessThanOrEqual(ANNOTATION_MESSAGE_LIMIT);
      expect(a.title.length).toBeLessThanOrEqual(ANNOTATION_TITLE_LIMIT);
    }
    for (const batch of annotationBatches(check.annotations))
      expect(batch.length).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST);
  });

  it("the Action's log annotations: one bounded line each, as the check's annotations are", () => {
    const lines = review.newFindings.map((f) => workflowAnnotation(f).line);
    expect(lines.some((l) => l.includes('value-@acme'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      // The file property names the file as it is (GitHub matches it to attach the annotation).
      const message = line.slice(line.indexOf('::', 2) + 2);
      expect(message.length).toBeLessThanOrEqual(ANNOTATION_MESSAGE_LIMIT);
    }
  });

  it('line comments and the review body within limits', () => {
    const placement = placeFindings(review.newFindings, changedFiles());
    const comments = renderLineComments(placement.comments, docs);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(c.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
    const body = renderPullRequestReview(review, comments, placement, {
      headSha: 'ffff000000000000000000000000000000000001',
      checkName: 'Blueprint review: main',
    })!.body;
    expect(body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
  });

  it('the sign-off: summary within the limit, title and who still has to approve intact', async () => {
    const { decision } = await unreviewedSignoff(
      new InMemoryFileSource(BASE, 'base'),
      new InMemoryFileSource(HEAD, 'head'),
      changedFiles(),
    );
    expect(decision.state).not.toBe('success');
    const title = decisionTitle(decision);
    expect(title.length).toBeLessThan(1000);
    const summary = renderSummaryMarkdown(decision);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary.startsWith(`**${title}**`)).toBe(true);
  }, 120_000);
});

describe('a megabyte-long name in a contract', () => {
  // Twelve schemas share one property name a megabyte long (a YAML anchor and its aliases), so the
  // untyped-property rule reports twelve JSON pointers a megabyte long each.
  const schemas = Array.from({ length: 12 }, (_, i) =>
    i === 0
      ? `    s0: { type: object, properties: { &name ${JSON.stringify(HUGE)}: {} } }`
      : `    s${i}: { type: object, properties: { *name : {} } }`,
  ).join('\n');
  const files = {
    'blueprint/blueprint.yaml': `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: shop, owner: acme/architects }
systems:
  - { id: shop, owner: acme/shop }
contracts:
  - { id: orders, file: orders.openapi.yaml, owner: acme/shop, provider: shop }
`,
    'blueprint/orders.openapi.yaml': `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
${schemas}
`,
  };

  it('leaves a SARIF log GitHub accepts (10 MB an upload), each result bounded', async () => {
    const { findings } = await lintBlueprint(
      new InMemoryFileSource(files),
      'blueprint',
      resolveRules(RULE_SET, {}).rules,
    );
    const long = findings.filter((f) => f.pointer.length > MEGABYTE);
    expect(long.length).toBeGreaterThanOrEqual(12);
    const sarif = renderSarif(findings, { rules: sarifRuleCatalog(RULES), toolVersion: '0.0.0' });
    const results = (JSON.parse(sarif) as { runs: { results: unknown[] }[] }).runs[0]!.results;
    expect(results.length).toBe(findings.length);
    for (const r of results) expect(JSON.stringify(r).length).toBeLessThan(20_000);
    expect(sarif.length).toBeLessThan(10 * MEGABYTE);
  }, 120_000);
});
