/**
 * What the app posts stays within what GitHub takes, whatever the repository text: a review comment
 * over 65,536 characters, or an annotation message over 64 KB, makes GitHub refuse the whole review or
 * check update (422) — the review is lost for a reason no re-run fixes. Repository text has no length
 * limit (an id, a field name, a path can be megabytes), and a contract change can affect thousands of
 * operations. And cutting never leaves repository text that a code span kept inert outside it.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { NewFinding } from '../types.js';
import { ruleDocs } from '../rule-docs.js';
import { RULE_SET } from '../../../test/app/support/shop.js';
import { CHECK_SUMMARY_LIMIT, renderCheckRun, truncate } from './check-run.js';
import { renderLineComments, REVIEW_COMMENT_LIMIT } from './pull-request-review.js';
import { findingIdsIn } from '../markers.js';
import { emptyReview, ordersApiChange } from '../../../test/support/review-fixture.js';

const docs = ruleDocs(RULE_SET, { docsUrl: 'https://docs.example' });
/** GitHub's limit on an annotation's message: 64 KB. */
const ANNOTATION_MESSAGE_BYTES = 64 * 1024;

const HUGE = 200_000;

function finding(
  i: number,
  message: string,
  extra: Partial<NewFinding> = {},
): NewFinding & { operations?: string[] } {
  return {
    id: `${i.toString(16).padStart(4, '0')}aaaabbbbcccc`,
    ruleId: 'breaking/response-property-removed',
    severity: 'error',
    message,
    file: 'blueprint/contracts/orders.openapi.yaml',
    pointer: '/paths/~1orders/get',
    range: { start: { line: 12, column: 3 }, end: { line: 12, column: 9 } },
    ...extra,
  };
}

/** Text outside code spans, as GitHub would render it. */
function textOutsideCode(markdown: string): string {
  return marked
    .parse(markdown, { gfm: true, async: false })
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
}

describe('what is posted fits what GitHub takes', () => {
  it('a message of 200,000 characters (a field name quoted in code) is cut before rendering, inert', () => {
    const name = `${'@acme/security-team '.repeat(HUGE / 20)}`;
    const f = finding(1, `Response field \`${name}\` of \`GET /orders\` was removed.`);
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    expect(comment!.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
    expect(comment!.body).toMatch(/more characters\)/);
    expect(findingIdsIn(comment!.body)).toEqual([f.id]);
    expect(textOutsideCode(comment!.body)).not.toMatch(/@acme/);

    const check = renderCheckRun(
      emptyReview({ newFindings: [f] }),
      { comments: [], elsewhere: [f] },
      { docs, checkName: 'Blueprint review: main' },
    );
    expect(Buffer.byteLength(check.annotations[0]!.message)).toBeLessThanOrEqual(ANNOTATION_MESSAGE_BYTES);
    expect(check.summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(textOutsideCode(check.summary)).not.toMatch(/@acme/);
  });

  it('a message of characters that escape to many (tag characters, controls) still fits an annotation', () => {
    const f = finding(1, `Flow \`x\` ${'\u{e0041}\u0007'.repeat(HUGE)}`);
    const check = renderCheckRun(
      emptyReview({ newFindings: [f] }),
      { comments: [], elsewhere: [f] },
      { docs, checkName: 'Blueprint review: main' },
    );
    expect(Buffer.byteLength(check.annotations[0]!.message)).toBeLessThanOrEqual(ANNOTATION_MESSAGE_BYTES);
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    expect(comment!.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
  });

  it('a change affecting 20,000 operations lists the first hundred and counts the rest', () => {
    const operations = Array.from(
      { length: 20_000 },
      (_, i) => `GET /repos/{owner}/{repo}/things/${i}/${'x'.repeat(400)}`,
    );
    const f = { ...finding(1, 'Parameter `page` was removed from 20000 operations.'), operations };
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    expect(comment!.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
    expect(comment!.body).toContain('Affects 20000 operations');
    expect(comment!.body).toContain('- … and 19900 more');
  });

  it('many long findings on one line: whole findings as fit, the rest counted, every id in the marker', () => {
    const findings = Array.from({ length: 40 }, (_, i) =>
      finding(i, `Field \`${'f'.repeat(HUGE)}\` changed.`),
    );
    const [comment] = renderLineComments(
      findings.map((f) => ({ finding: f, path: f.file, line: 12, side: 'RIGHT' as const })),
      docs,
    );
    expect(comment!.body.length).toBeLessThanOrEqual(REVIEW_COMMENT_LIMIT);
    expect(comment!.body).toContain('**40 findings on this line**');
    expect(comment!.body).toMatch(
      /_\d+ more findings on this line did not fit in a comment: see the check run's summary\._$/,
    );
    expect(findingIdsIn(comment!.body)).toEqual(findings.map((f) => f.id));
  });

  it('findings with long messages cannot push the errors and the sections after the table out of the summary', () => {
    // A pull request that adds 60 warnings quoting a 5,000-character id (in blueprint.yaml, which
    // sorts first) before the one breaking change it wants unnoticed: cut at the end, the summary lost
    // that error's row, the contract table and the owners to ask.
    const noise = Array.from({ length: 60 }, (_, i) =>
      finding(i, `System \`${'x'.repeat(5_000)}${i}\` has no owner.`, {
        ruleId: 'ownership/system-owner',
        severity: 'warning',
        file: 'blueprint/blueprint.yaml',
      }),
    );
    const breaking = finding(999, 'Response field `createdAt` of `GET /orders` was removed.', {
      file: 'blueprint/contracts/orders.openapi.yaml',
    });
    const review = emptyReview({
      newFindings: [...noise, breaking],
      contracts: [ordersApiChange(breaking)],
      owners: [
        {
          owner: 'acme/web-storefront',
          reasons: [{ kind: 'contract-consumer', system: 'webshop', contract: 'orders-api', breaking: true }],
        },
      ],
    });
    const check = renderCheckRun(
      review,
      { comments: [], elsewhere: review.newFindings },
      { docs, checkName: 'Blueprint review: main' },
    );
    expect(check.summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(check.summary).toContain('Response field `createdAt` of `GET /orders` was removed.');
    expect(check.summary).toContain('### Contract changes');
    expect(check.summary).toContain('`acme/web-storefront`: webshop consumes `orders-api` (breaking change)');
    expect(check.summary).not.toContain('Truncated');
    // The rows left out are counted, by severity, and where to find them is said.
    const listed = check.summary.match(/^\| 🟠 /gm)?.length ?? 0;
    expect(listed).toBeGreaterThan(0);
    expect(check.summary).toContain(
      `GitHub limits a summary's length: ${60 - listed} warnings are not listed here.`,
    );
  });

  it('a summary cut at its limit is cut between lines, never inside one', () => {
    const line = `| 🔴 | \`${'@acme/security-team '.repeat(5_000)}\` |`;
    const cut = truncate(`# Title\n\n${line}\n${line}`, CHECK_SUMMARY_LIMIT);
    expect(cut.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(textOutsideCode(cut)).not.toMatch(/@acme/);
    // A text that is one line too long for the limit is left out whole.
    const one = truncate(`\`${'@acme/security-team '.repeat(5_000)}\``, 1_000);
    expect(one.length).toBeLessThanOrEqual(1_000);
    expect(textOutsideCode(one)).not.toMatch(/@acme/);
  });
});
