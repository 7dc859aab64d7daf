import { describe, expect, it } from 'vitest';
import type { Review, NewFinding } from '../types.js';
import type { Placement } from '../placement.js';
import { ruleDocs } from '../rule-docs.js';
import { DEAD_LETTER_RULE, RULE_SET } from '../../../test/app/support/shop.js';
import { renderCheckRun, truncate, annotationBatches } from './check-run.js';
import { renderSummary } from './summary.js';
import { touchedFlowsDiagram } from './mermaid.js';
import { renderComment, renderPullRequestReview } from './pull-request-review.js';
import { renderReviewText } from './text.js';
import { renderReviewJson } from './json.js';
import { findingIdIn, hasReviewMarker } from '../markers.js';
import { emptyReview, ordersApiChange } from '../../../test/support/review-fixture.js';

const docs = ruleDocs(RULE_SET, { docsUrl: 'https://docs.example' });

const dlq: NewFinding = {
  id: 'aaaa1111bbbb2222',
  ruleId: DEAD_LETTER_RULE,
  severity: 'error',
  message: 'Event flow "order-shipped" has no dead-letter queue. Add `errorHandling.deadLetter`.',
  file: 'blueprint/blueprint.yaml',
  pointer: '/flows/2/errorHandling',
  range: { start: { line: 42, column: 5 }, end: { line: 49, column: 1 } },
};
const breaking: NewFinding = {
  id: 'cccc3333dddd4444',
  ruleId: 'breaking/response-property-removed',
  severity: 'error',
  message: 'Response field `orderId` of `POST /orders` was removed — consumers webshop read it.',
  file: 'blueprint/contracts/orders.openapi.yaml',
  pointer: '/paths/~1orders/post/responses/201',
  range: { start: { line: 33, column: 9 }, end: { line: 33, column: 20 } },
};

function review(over: Partial<Review> = {}): Review {
  return emptyReview({
    newFindings: [dlq, breaking],
    preExisting: [{ ...dlq, ruleId: 'topology/x', message: 'old' }],
    contracts: [ordersApiChange(breaking)],
    touched: {
      flows: [
        {
          id: 'order-shipped',
          blueprint: 'blueprint',
          from: 'orders',
          to: 'webshop',
          pattern: 'event',
          change: 'added',
        },
      ],
      systems: [{ id: 'orders', blueprint: 'blueprint', change: 'flow-endpoint' }],
    },
    flows: [
      {
        id: 'order-shipped',
        blueprint: 'blueprint',
        from: 'orders',
        to: 'webshop',
        pattern: 'event',
        change: 'added',
      },
      {
        id: 'place-order',
        blueprint: 'blueprint',
        from: 'webshop',
        to: 'orders',
        pattern: 'request-response',
      },
      { id: 'unrelated', blueprint: 'blueprint', from: 'a', to: 'b' },
    ],
    owners: [
      {
        owner: 'acme/web',
        reasons: [{ kind: 'contract-consumer', contract: 'orders-api', system: 'webshop', breaking: true }],
      },
    ],
    additions: [{ kind: 'flow', id: 'order-shipped', blueprint: 'blueprint' }],
    stats: { changedFiles: 2, blueprints: 1, contractsDiffed: 1, contractsUnchanged: 1 },
    ...over,
  });
}

const placement: Placement = {
  comments: [{ finding: dlq, path: dlq.file, line: 42, side: 'RIGHT' }],
  elsewhere: [breaking],
};

describe('review comments', () => {
  it('say what is wrong, why, and link the rule, with a hidden finding marker', () => {
    const c = renderComment(placement.comments[0]!, docs);
    expect(c).toMatchObject({
      path: 'blueprint/blueprint.yaml',
      line: 42,
      side: 'RIGHT',
      findingIds: [dlq.id],
    });
    expect(c.body).toContain('**🔴 Error:** Event flow "order-shipped" has no dead-letter queue.');
    expect(c.body).toContain(
      '**Why:** A consumer that cannot process a message (a poison message, a bug, a missing reference) either retries it forever — blocking the partition or queue behind it — or drops it silently.',
    );
    expect(c.body).toContain(
      '[`error-handling/async-flow-without-dead-letter`](https://docs.example/rules/error-handling/async-flow-without-dead-letter.md)',
    );
    expect(findingIdIn(c.body)).toBe(dlq.id);
  });

  it('without a docs address, explain the rule inline in a collapsed block and link nowhere', () => {
    const offline = ruleDocs(RULE_SET);
    const c = renderComment(placement.comments[0]!, offline);
    expect(c.body).not.toMatch(/https?:/);
    expect(c.body).toContain(
      '<details><summary>Rule <code>error-handling/async-flow-without-dead-letter</code></summary>',
    );
    const rule = RULE_SET.rules.find((r) => r.meta.id === 'error-handling/async-flow-without-dead-letter')!;
    expect(c.body).toContain(rule.meta.rationale);
    expect(c.body).toContain(
      '`docs/rules/error-handling/async-flow-without-dead-letter.md` in the blueprint-review package',
    );
    expect(c.body).toContain('in the blueprint-review package.\n\n</details>');
    expect(findingIdIn(c.body)).toBe(dlq.id);
    const summary = renderSummary(review(), { docs: offline, placement });
    expect(summary).not.toMatch(/https?:/);
    expect(summary).toContain('| `breaking/response-property-removed` |');
  });

  it('are batched in one review whose body carries the head SHA marker; none when nothing is on a line', () => {
    const comments = placement.comments.map((c) => renderComment(c, docs));
    const pr = renderPullRequestReview(review(), comments, placement, {
      headSha: 'abc123',
      checkName: 'Blueprint review',
    })!;
    expect(pr.event).toBe('COMMENT');
    expect(pr.comments).toHaveLength(1);
    expect(pr.body).toContain(
      '1 other new finding (outside the changed lines, or info) is in the **Blueprint review** check.',
    );
    expect(pr.body).toContain('1 pre-existing finding not repeated.');
    expect(hasReviewMarker(pr.body, 'abc123')).toBe(true);
    expect(hasReviewMarker(pr.body, 'abc124')).toBe(false);
    expect(
      renderPullRequestReview(review(), [], placement, { headSha: 'abc123', checkName: 'x' }),
    ).toBeUndefined();
  });
});

describe('check run output', () => {
  it('fails with a title that counts what was introduced, and annotates what is not commented', () => {
    const out = renderCheckRun(review(), placement, { docs, checkName: 'Blueprint review' });
    expect(docs.rationale(breaking.ruleId)).toMatch(/^In what consumers read: /);
    expect(docs.url(breaking.ruleId)).toBe(
      'https://docs.example/breaking-changes.md#response-property-removed',
    );
    expect(out.conclusion).toBe('failure');
    expect(out.title).toBe('1 error introduced · 1 breaking contract change');
    expect(out.annotations).toEqual([
      {
        path: breaking.file,
        start_line: 33,
        end_line: 33,
        start_column: 9,
        end_column: 20,
        annotation_level: 'failure',
        message: `${breaking.message}\nWhy: ${docs.rationale(breaking.ruleId)}`,
        title: 'breaking/response-property-removed',
      },
    ]);
  });

  it('truncates a summary over the limit at a line, closing an open code fence, with a note', () => {
    const long = 'intro\n```mermaid\n' + 'a --> b\n'.repeat(20_000) + '```\n';
    const cut = truncate(long, 65_535);
    expect(cut.length).toBeLessThanOrEqual(65_535);
    expect(cut).toMatch(
      /```\n\n… Truncated: \d+ more characters\. Run `blueprint-review review` locally for the full report\.\n$/,
    );
    expect(truncate('short', 65_535)).toBe('short');
  });

  it('batches annotations by 50', () => {
    const many = Array.from(
      { length: 120 },
      () => renderCheckRun(review(), placement, { docs, checkName: 'Blueprint review' }).annotations[0]!,
    );
    expect(annotationBatches(many).map((b) => b.length)).toEqual([50, 50, 20]);
  });
});

describe('markdown summary', () => {
  it('lists new findings, contract changes, touched flows with a diagram, owners and additions; counts pre-existing ones', () => {
    const md = renderSummary(review(), { docs, placement, footer: '<!-- marker -->' });
    expect(md).toContain('## ❌ Blueprint review: 1 error introduced · 1 breaking contract change');
    expect(md).toContain('| 🔴 | `blueprint/blueprint.yaml:42` 💬 |');
    expect(md).toContain(
      '| `orders-api` (`acme/orders`) | finalized | document changed | `webshop` | **1** |',
    );
    expect(md).toContain('A finalized contract changes incompatibly');
    expect(md).toContain('```mermaid\nflowchart LR');
    expect(md).toContain('- `acme/web`: webshop consumes `orders-api` (breaking change)');
    expect(md).toContain('- flow `order-shipped`');
    expect(md).toContain('1 pre-existing finding in the touched blueprints (not repeated here');
    expect(md).not.toContain('old');
    expect(md.trimEnd().endsWith('<!-- marker -->')).toBe(true);
  });

  it('explains an invalid configuration and how to fix it', () => {
    const md = renderSummary(
      review({
        outcome: { kind: 'config-invalid', problems: ['x.yml:3: preset must be one of …'] },
        conclusion: 'failure',
      }),
      { docs },
    );
    expect(md).toContain('Invalid blueprint-review configuration');
    expect(md).toContain('- x.yml:3: preset must be one of …');
    expect(md).toContain('a pull request cannot change the rules that judge it');
  });
});

describe('touched flows diagram', () => {
  it('draws touched flows highlighted and neighbouring flows for context, leaving unrelated ones out', () => {
    const diagram = touchedFlowsDiagram(review().flows)!;
    expect(diagram.split('\n')).toEqual([
      'flowchart LR',
      '  s0_orders["orders"]',
      '  s1_webshop["webshop"]',
      '  s0_orders -->|"order-shipped · event · added"| s1_webshop',
      '  s1_webshop -->|"place-order · request-response"| s0_orders',
      '  classDef touched stroke:#d73a49,stroke-width:2px',
      '  class s0_orders,s1_webshop touched',
      '  linkStyle 0 stroke:#d73a49,stroke-width:3px',
    ]);
    expect(touchedFlowsDiagram([{ id: 'x', blueprint: '', from: 'a', to: 'b' }])).toBeUndefined();
  });

  it('dashes removed flows and escapes labels', () => {
    const diagram = touchedFlowsDiagram([
      { id: 'say "hi"', blueprint: '', from: 'a b', to: 'c', change: 'removed' },
    ])!;
    expect(diagram).toContain('s0_a_b -.->|"say #34;hi#34; · removed"| s1_c');
  });
});

describe('terminal and JSON output', () => {
  it('text says where each finding would go', () => {
    const text = renderReviewText(review(), placement, { docs, color: false });
    expect(text).toContain('Blueprint review: 1 error introduced · 1 breaking contract change  ✗ failure');
    expect(text).toContain('Review comments on changed lines (1):\n  blueprint/blueprint.yaml:42  error');
    expect(text).toContain(
      'Check-run annotations, not commented: outside the changed lines, or info (1):\n  blueprint/contracts/orders.openapi.yaml:33  error',
    );
    expect(text).toContain(
      '  orders-api (finalized; owner acme/orders; consumers webshop): document changed, 1 breaking change',
    );
  });

  it('warns of change control for a deprecated contract broken, as for a finalized one; not for a draft', () => {
    const as = (status: 'deprecated' | 'draft') =>
      renderSummary(review({ contracts: [{ ...ordersApiChange(breaking), status }] }), { docs, placement });
    expect(as('deprecated')).toContain(
      '⚠️ A deprecated contract changes incompatibly: this needs change control and the consumers’ approval.',
    );
    expect(as('draft')).not.toContain('changes incompatibly');
  });

  it('text says why a changed contract was not compared completely', () => {
    const unread = { ...ordersApiChange(breaking), changes: [], problems: ['the head does not load'] };
    const text = renderReviewText(review({ contracts: [unread] }), placement, { docs, color: false });
    expect(text).toContain(
      'document changed, 0 breaking changes\n    could not be compared completely: the head does not load\n',
    );
  });

  it('JSON carries each finding with its placement', () => {
    const json = JSON.parse(renderReviewJson(review(), placement, { toolVersion: '9.9.9' }));
    expect(json.conclusion).toBe('failure');
    expect(json.newFindings.map((f: { placement: string }) => f.placement)).toEqual([
      'comment',
      'annotation',
    ]);
    expect(json.newFindings[0]).toMatchObject({ id: dlq.id, line: 42, commentLine: 42 });
    expect(json.preExisting).toHaveLength(1);
  });
});

describe('a check run for thousands of findings', () => {
  it('annotates at most 500, errors first, and says how many more and why before the table', () => {
    const many: NewFinding[] = Array.from({ length: 1_200 }, (_, i) => ({
      ...dlq,
      id: `w${i}`,
      severity: i % 100 === 99 ? 'error' : 'warning',
      range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } },
    }));
    const out = renderCheckRun(
      review({ newFindings: many }),
      { comments: [], elsewhere: many, capped: { findings: 40, limit: 25 } },
      { docs, checkName: 'Blueprint review' },
    );
    expect(out.annotations).toHaveLength(500);
    expect(out.annotations.slice(0, 12).map((a) => a.annotation_level)).toEqual([
      ...Array<string>(12).fill('failure'),
    ]);
    const notes = out.summary.slice(0, out.summary.indexOf('### New findings'));
    expect(notes).toContain(
      '> 700 more findings are in the table below but not annotated: a check run gets at most 500 annotations, errors first',
    );
    expect(notes).toContain(
      '> 40 more findings on changed lines are annotated in the **Blueprint review** check instead: a review comments on at most 25 lines',
    );
  });
});
