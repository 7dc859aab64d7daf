/**
 * Attacks the hostile corpus (hostile-text.test.ts) does not spell: each through the writer that
 * shows it, read back as GitHub's Markdown parser (marked) or a terminal reads it.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderReviewMarkdown } from '../../src/cli/review-markdown.js';
import { renderLineComments } from '../../src/review/render/pull-request-review.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import type { NewFinding } from '../../src/review/types.js';
import type { GateDecision } from '../../src/signoff/evaluate.js';
import { renderSummaryMarkdown } from '../../src/signoff/render.js';
import { RULE_SET } from '../../rules/index.js';
import { HEADER, withContracts } from '../../rules/examples.js';
import { emptyReview } from '../support/review-fixture.js';
import { repoWith, runCli } from '../support/run-cli.js';

const docs = ruleDocs(RULE_SET, { docsUrl: 'https://docs.example' });

function finding(
  over: Partial<NewFinding> & { operations?: string[] } = {},
): NewFinding & { operations?: string[] } {
  return {
    id: '00000000aaaabbbb',
    ruleId: 'breaking/response-property-removed',
    severity: 'error',
    message: 'Property `total` was removed.',
    file: 'blueprint/orders.openapi.yaml',
    pointer: '/paths/~1orders/get',
    range: { start: { line: 12, column: 3 }, end: { line: 12, column: 9 } },
    ...over,
  };
}

const html = (markdown: string) => marked.parse(markdown, { gfm: true, async: false });

/** Text outside code spans and blocks, as GitHub renders it. */
const outsideCode = (markdown: string) =>
  html(markdown)
    .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ');

describe('a finding whose words close our markup', () => {
  it('a message holding </details> leaves the comment one <details> of ours, open and closed', () => {
    const f = finding({
      message: 'Property `total` was removed. </details></details><details open><summary>@acme/x</summary>',
      operations: ['GET /a</details>', 'GET /b</summary><img src=x>'],
    });
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    const rendered = html(comment!.body);
    expect(rendered.match(/<details>/g)).toHaveLength(1);
    expect(rendered.match(/<\/details>/g)).toHaveLength(1);
    expect(rendered).not.toMatch(/<details open|<img/);
    expect(outsideCode(comment!.body)).not.toMatch(/@acme/);
  });

  it('a fix spelling a ```suggestion block is shown as words: no block GitHub could apply', () => {
    const f = finding({
      fix: {
        description: 'Apply this:\n```suggestion\nconsumers: [everyone]\n```\n~~~suggestion\nx\n~~~',
        replacement: '```suggestion\nrm -rf /\n```',
      },
    });
    const [comment] = renderLineComments([{ finding: f, path: f.file, line: 12, side: 'RIGHT' }], docs);
    expect(comment!.body).not.toMatch(/^\s*(```|~~~)/m);
    expect(html(comment!.body)).not.toMatch(/<pre>/);
    expect(comment!.body).not.toContain('rm -rf');
  });
});

describe('a file path that spells lines and parent folders', () => {
  it('is one code span in the heading of its comment, on one line', () => {
    const path = 'blueprint/../../.github/workflows/x.yml\n## ✅ All approvals present\n@acme/security';
    const f = finding({ file: path });
    const markdown = renderReviewMarkdown(
      emptyReview({ newFindings: [f] }),
      { comments: [{ finding: f, path, line: 12, side: 'RIGHT' }], elsewhere: [] },
      docs,
    );
    const headings = markdown.split('\n').filter((l) => l.startsWith('#'));
    expect(headings.some((h) => h.includes('All approvals present') && /^#### `/.test(h))).toBe(true);
    expect(headings.filter((h) => /^#+ ✅/.test(h))).toEqual([]);
    expect(outsideCode(markdown)).not.toMatch(/@acme/);
  });
});

describe("the sign-off summary naming the base's config", () => {
  it('keeps team slugs, rule ids and reasons with Markdown in them inert, one table row per group', () => {
    const team = '@acme/sec`x <img src=x>|y\n| --- |\n# ✅ approved';
    const decision: GateDecision = {
      state: 'failure',
      headSha: 'a'.repeat(40),
      blockers: [],
      problems: [],
      notes: [],
      unanswered: false,
      invalidated: [],
      reviewRequests: { users: [], teams: [] },
      rules: [
        {
          ruleId: 'rule|`x`<b>@acme/y',
          description: 'd',
          origin: 'config',
          because: ['path `contracts/**/</details>|x` changed'],
          groups: [
            { label: team, approvers: [], needed: 1, approvedBy: [], missing: 1, reasons: ['owner|`z`'] },
          ],
          changeRecords: [],
          satisfied: false,
        },
      ],
    };
    const summary = renderSummaryMarkdown(decision);
    const rendered = html(summary);
    expect(rendered).not.toMatch(/<img|<b>|<h1/);
    expect(rendered.match(/<tr>/g)).toHaveLength(2);
    expect(outsideCode(summary)).not.toMatch(/@acme/);
  });
});

describe('a YAML key of 100,000 characters', () => {
  it('lint: every format bounded, the key shown inert', async () => {
    const key = '@acme/x <b>`#1`|'.repeat(6_250);
    const blueprint = HEADER.replace(
      '  - { id: webshop, owner: acme/web }',
      `  - { id: webshop, owner: acme/web, ${JSON.stringify(key)}: 1 }`,
    );
    const root = repoWith(
      Object.fromEntries(Object.entries(withContracts(blueprint)).map(([k, v]) => [`bp/${k}`, v])),
    );
    const text = await runCli(['lint', 'bp'], root);
    expect(text.stdout).toContain('@acme/x');
    for (const line of text.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    const markdown = (await runCli(['lint', 'bp', '--format', 'markdown'], root)).stdout;
    expect(markdown.length).toBeLessThan(20_000);
    expect(html(markdown)).not.toMatch(/<b>/);
    expect(outsideCode(markdown)).not.toMatch(/@acme/);
    const github = (await runCli(['lint', 'bp', '--format', 'github'], root)).stdout;
    for (const line of github.split('\n').filter((l) => l.startsWith('::')))
      expect(line.length).toBeLessThanOrEqual(4_200);
  }, 60_000);
});
