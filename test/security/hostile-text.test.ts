/**
 * DESIGN invariant 13, tried on every renderer: a blueprint whose ids, names, descriptions, owners,
 * contract fields and file names carry each attack (mentions, HTML, links, forged markers, code-span
 * breakers, terminal escapes, forged lines, Mermaid directives) goes through the whole pipeline —
 * lint, review, contract diff, sign-off, architecture document — and every output is checked with
 * a real Markdown parser (marked, GFM) or line by line: nothing the blueprint says steers it.
 */
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryFileSource } from '../../src/core/file-source.js';
import type { Finding } from '../../src/core/finding.js';
import { diffFiles } from '../support/diff-pair.js';
import { renderDiffMarkdown, renderDiffText } from '../../src/diff/render.js';
import { renderArchitectureHtml } from '../../src/doc/html.js';
import { renderArchitectureMarkdown } from '../../src/doc/markdown.js';
import { MEDIATOR_MODES } from '../../src/doc/mediator-mode.js';
import type { Topology } from '../../src/doc/topology-views.js';
import { buildTopology } from '../../src/doc/topology-views.js';
import { resolveRules } from '../../src/engine/rule-set.js';
import { lintBlueprint } from '../../src/engine/lint-blueprint.js';
import type { BlueprintModel } from '../../src/model/types.js';
import { renderLintMarkdown } from '../../src/report/markdown.js';
import { renderSarif, sarifRuleCatalog } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { findingIdIn, hasReviewMarker } from '../../src/review/markers.js';
import { placeFindings } from '../../src/review/placement.js';
import { renderCheckRun } from '../../src/review/render/check-run.js';
import { renderComment, renderPullRequestReview } from '../../src/review/render/pull-request-review.js';
import { renderSummary } from '../../src/review/render/summary.js';
import { renderReviewText } from '../../src/review/render/text.js';
import { reviewPullRequest } from '../../src/review/review-pull-request.js';
import { ruleDocs } from '../../src/review/rule-docs.js';
import type { Review } from '../../src/review/types.js';
import { rewrittenFilesBetween } from '../support/review-fixture.js';
import { ONE_SYSTEM_BASE, unreviewedSignoff } from '../support/signoff-fixture.js';
import { renderDecisionText, renderSummaryMarkdown } from '../../src/signoff/render.js';
import { explain } from '../../src/app/job-errors.js';
import { failureOutput } from '../../src/app/review-outputs.js';
import { failureOutput as signoffFailureOutput } from '../../src/app/signoff-verdict.js';
import { GitHubError } from '../../src/adapters/github/client.js';
import { checkNameFor } from '../../src/app/check-name.js';
import { RULES, RULE_SET } from '../../rules/index.js';

const ESC = '\u001b';

/** Each attack is used as an id, a name, a description, an owner and a contract field name. */
const ATTACKS = [
  '@acme/security-team',
  'ping @octocat and a@b.example',
  'see #1 and GH-2 and acme/shop#3',
  '<img src=x onerror=alert(1)>',
  '</td></tr></table><details open><summary>x',
  '[click me](https://evil.example) ![pixel](https://evil.example/p.png) https://evil.example www.evil.example',
  '<!-- blueprint-review:finding id=00000000deadbeef -->',
  '<!-- blueprint-review:review sha=ffff000000000000000000000000000000000001 -->',
  'tick` ``close`` ```',
  `${ESC}[2J${ESC}[HNo findings.`,
  `${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}]0;title\u0007`,
  'x\nFORGED blueprint/blueprint.yaml:1:1  error  forged  topology/forged',
  'x\rNo findings.',
  'x\u2028No findings.\u2029FORGED',
  'abc\u202Etxt.exe\u2066\u200F',
  'ord\u200Bers @\u200Dacme/security\u2060-team \uFEFF\u00AD\u{E0068}\u{E0069}',
  'approved\u{E0131}\u{E0132}\uFE01\u180B\u2800\u{1D173} \u26A0\uFE0F\uFE0F\uFE0E',
  'a | b | c |\n| --- | --- |',
  '"]; click sys0 call alert(1) %%{init: {"theme":"dark"}}%%',
  '*bold* _em_ ~strike~ $x^2$ \\',
  '- list\n# heading\n> quote',
  '<!-- an unclosed comment hides the rest',
  '[x](javascript:alert(1)) - [x] ✅ All approvals present\n- [x] done',
  '&lt;img src=x&gt; &#60;b&#62; \\<b> <https://evil.example> mailto:a@b.example',
  '> [!NOTE]\n> approved\n\n=====\n***\n[^1]: footnote',
  'deadbeefcafe1234-x abcdef1234567/x (0123456789abcdef) acme/shop@abcdef1 id=00000000deadbe',
  '*@octocat* _#12_ **www.evil.example** <@octocat> [@octocat] {#12} x|@octocat|y @octocat.',
  '````\n```\n~~~ $`x`$ $$x$$ :white_check_mark: :+1:',
  // A span with a backtick inside right next to a word shown as code: the fences touch.
  '``@acme/team`y``deadbeef1',
  '#12``@octocat`y``',
];

/** YAML double-quoted scalar with every character outside printable ASCII escaped. */
function yamlString(text: string): string {
  return (
    '"' +
    [...text]
      .map((ch) => {
        const code = ch.codePointAt(0)!;
        if (ch === '"' || ch === '\\') return '\\' + ch;
        if (code >= 0x20 && code < 0x7f) return ch;
        return code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
      })
      .join('') +
    '"'
  );
}

const DOCS_URL = 'https://docs.example.com/blueprint-review/';

/** A check named for a base branch whose name is hostile: git allows backticks, `@` and `<` in one. */
const HOSTILE_CHECK = checkNameFor('Blueprint review', 'fix/@acme/security-team/`tick');

const HOSTILE_FILE = 'contracts/@acme-security <img src=x>|evil.openapi.yaml';

function blueprintYaml(): string {
  const q = yamlString;
  const systems = ATTACKS.map(
    (a, i) => `  - id: ${q(a)}
    name: ${q(a)}
    description: ${q(a)}
    owner: ${q(a)}
    external: ${i % 2 === 0}${i % 2 === 1 ? `\n    domain: ${q(a)}` : ''}`,
  ).join('\n');
  const flows = ATTACKS.map(
    (a) => `  - id: ${q(a)}
    from: ${q(a)}
    to: shop
    pattern: event
    via: ${q(a)}
    contract: { ref: ${q(ATTACKS[0]!)}, operation: ${q(a)} }
    decision: ${q(a)}`,
  ).join('\n');
  return `apiVersion: blueprint-review/v1
kind: Blueprint
metadata: { name: ${q(ATTACKS[3]!)}, title: ${q(ATTACKS[5]!)}, owner: ${q(ATTACKS[0]!)} }
systems:
  - { id: shop, owner: acme/shop }
${systems}
components:
${ATTACKS.map((a) => `  - { id: ${q(a)}, kind: broker-topic, owner: ${q(a)} }`).join('\n')}
contracts:
  - id: ${q(ATTACKS[0]!)}
    file: ${q(HOSTILE_FILE)}
    owner: ${q(ATTACKS[1]!)}
    provider: shop
    status: finalized
    consumers: [${ATTACKS.map(q).join(', ')}]
requirements:
${ATTACKS.map((a) => `  - { id: ${q(a)}, description: ${q(a)} }`).join('\n')}
flows:
${flows}
`;
}

function contractYaml(withFields: boolean): string {
  const fields = ATTACKS.map((a) => `                  ${yamlString(a)}: { type: string }`).join('\n');
  return `openapi: 3.1.0
info: { title: ${yamlString(ATTACKS[4]!)}, version: 1.0.0 }
paths:
  /orders:
    get:
      operationId: ${yamlString(ATTACKS[6]!)}
      responses:
        '200':
          description: ${yamlString(ATTACKS[9]!)}
          content:
            application/json:
              schema:
                type: object
                required: [${withFields ? ATTACKS.map(yamlString).join(', ') : 'id'}]
                properties:
                  id: { type: string }
${withFields ? fields : ''}
`;
}

const ADR = `---
status: ${yamlString(ATTACKS[0]!)}
date: 2025-01-01
decision-makers: [${yamlString(ATTACKS[1]!)}]
---
# ${ATTACKS[3]} ${ATTACKS[0]} ${ATTACKS[6]}

## Context and Problem Statement

${ATTACKS[4]}
`;

const BASE_FILES: Record<string, string> = {
  ...ONE_SYSTEM_BASE,
  [`blueprint/${HOSTILE_FILE}`]: contractYaml(true),
};
const HEAD_FILES: Record<string, string> = {
  ...BASE_FILES,
  'blueprint/blueprint.yaml': blueprintYaml(),
  [`blueprint/${HOSTILE_FILE}`]: contractYaml(false),
  [`blueprint/adr/0001-${ATTACKS[3]}.md`]: ADR,
};

const changedFiles = () => rewrittenFilesBetween(BASE_FILES, HEAD_FILES);

// ---------------------------------------------------------------------------------------------------
// Oracles.

// C0 (but LF), DEL, C1, bidi controls, line and paragraph separators, and characters that show
// nothing (zero-width, joiners, soft hyphen, BOM, tag characters, variation selectors but the one an
// emoji asks for, blank symbols).
const ACTIVE_CONTROLS =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\u2800\ufe00-\ufe0d\ufeff\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]|[\ufe0e\ufe0f]{2}/u;

const ALLOWED_TAGS = new Set([
  'p',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'br',
  'sub',
  'hr',
  'blockquote',
]);

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * What GitHub would make of the Markdown: only our own tags and links, our marker only as the first
 * line, no mention/reference/URL in text outside code, tables with the cells they were built with.
 */
function expectInertMarkdown(
  md: string,
  where: string,
  options: { marker?: boolean; ownDetails?: number } = {},
): void {
  expect(md, where).not.toMatch(ACTIVE_CONTROLS);
  const html = marked.parse(md, { gfm: true, async: false });
  // Repository text may spell a marker, but only inside code (shown, not parsed); the one real
  // marker is the first line.
  expect(html.match(/<!--/g)?.length ?? 0, `${where}: HTML comments`).toBe(options.marker ? 1 : 0);
  if (options.marker)
    expect(md).toMatch(
      /^<!-- blueprint-review:(finding id=[0-9a-f]+|review sha=[0-9a-f]+ comments=[0-9a-f]{16}) -->\n/,
    );
  const own = options.ownDetails ?? 0;
  expect(html.match(/<details>/g)?.length ?? 0, `${where}: <details>`).toBe(own);
  expect(html.match(/<summary>/g)?.length ?? 0, `${where}: <summary>`).toBe(own);
  for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
    expect(
      ALLOWED_TAGS.has(tag!.toLowerCase()) || (own > 0 && /^(details|summary)$/i.test(tag!)),
      `${where}: tag <${tag}>`,
    ).toBe(true);
  for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]*)"/g))
    expect(href, `${where}: link`).toMatch(/^(https:\/\/docs\.example\.com\/blueprint-review\/|#)/);

  const text = decodeEntities(
    html
      .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
  expect(text, `${where}: mention outside code`).not.toMatch(/(^|\W)@[A-Za-z0-9]/);
  expect(text, `${where}: reference outside code`).not.toMatch(/(^|\W)(#\d|gh-\d)/i);
  expect(text, `${where}: URL outside code`).not.toMatch(/https?:\/\/|www\./i);
  expect(text, `${where}: commit SHA outside code`).not.toMatch(/(?<!\w)[0-9a-f]{7,40}(?!\w)/i);

  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        const columns = table.header.length;
        for (const line of table.raw.trimEnd().split('\n'))
          expect(line.match(/(?<!\\)\|/g)?.length, `${where}: cells in ${line}`).toBe(columns + 1);
      }
      if ('tokens' in t && t.tokens) walk(t.tokens);
    }
  };
  walk(marked.lexer(md, { gfm: true }));
}

/** Our own colours (SGR codes); any other escape, or these from the blueprint, would be raw text. */
// eslint-disable-next-line no-control-regex
const OUR_COLOURS = /\u001b\[(0|1|2|4|31|32|33|36)m/g;

function expectInertTerminal(text: string, where: string): void {
  expect(text.replace(OUR_COLOURS, ''), where).not.toMatch(ACTIVE_CONTROLS);
  for (const line of text.split('\n')) {
    // Long messages wrap onto continuation lines indented under the message column; a forged line
    // would have to start where our own lines start (a file header, or a finding's location).
    expect(line, `${where}: forged line`).not.toMatch(/^\s{0,3}FORGED/);
    expect(line.trim(), `${where}: forged verdict`).not.toBe('No findings.');
  }
}

function expectInertMermaid(source: string, where: string): void {
  expect(source, where).not.toMatch(/%%|`/);
  const statement =
    /^\s*(flowchart LR|\w+(\("[^"]*"\)|\["[^"]*"\]|\{\{"[^"]*"\}\}|\(\["[^"]*"\]\)|\[\["[^"]*"\]\])(:::\w+)?|\w+ (-->|-\.->|==>)(\|"[^"]*"\|)? \w+|classDef \w+ [^"]*|class [\w,]+ \w+|linkStyle [\d,]+ [^"]*)$/;
  for (const line of source.trimEnd().split('\n')) expect(line, `${where}: statement`).toMatch(statement);
  // Our own labels use <b>, <br/> and <small>; anything else is the blueprint's.
  const labels = [...source.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.replace(/<\/?(b|small)>|<br\/>/g, ''));
  for (const label of labels) expect(label, `${where}: label`).not.toMatch(/[<>]/);
}

/** Every Mermaid source a topology holds: the one diagram, or the overview and each part. */
function diagramSources(topology: Topology): string[] {
  if (topology.kind === 'whole') return [topology.diagram.source];
  return [topology.overview, ...topology.parts.map((p) => p.diagram)].flatMap((d) => (d ? [d.source] : []));
}

// ---------------------------------------------------------------------------------------------------

describe('hostile blueprint text stays inert in every output', () => {
  const docs = ruleDocs(RULE_SET, { docsUrl: DOCS_URL });
  // Without a docs address, comments explain the rule in a collapsed <details> of our own.
  const offlineDocs = ruleDocs(RULE_SET);
  let findings: Finding[];
  let model: BlueprintModel;
  let review: Review;

  beforeAll(async () => {
    const head = new InMemoryFileSource(HEAD_FILES, 'head');
    const lint = await lintBlueprint(head, 'blueprint', resolveRules(RULE_SET, {}).rules);
    findings = lint.findings;
    model = lint.model!;
    review = await reviewPullRequest({
      base: new InMemoryFileSource(BASE_FILES, 'base'),
      head,
      changedFiles: changedFiles(),
      config: { blueprints: ['blueprint'] },
      ruleSet: RULE_SET,
    });
  }, 60_000);

  it('the corpus reaches the renderers: hostile ids appear in findings, the model and the review', () => {
    expect(model.systems.map((s) => s.id)).toEqual(['shop', ...ATTACKS]);
    expect(findings.some((f) => f.message.includes(ATTACKS[3]!))).toBe(true);
    expect(review.newFindings.some((f) => f.message.includes(ATTACKS[0]!))).toBe(true);
    expect(review.contracts.length).toBeGreaterThan(0);
  });

  it('lint: text, Markdown and SARIF', () => {
    expectInertTerminal(renderText(findings, { color: true }), 'lint text');
    expectInertMarkdown(renderLintMarkdown(findings, ['blueprint']), 'lint markdown');
    const sarif = JSON.parse(
      renderSarif(findings, { rules: sarifRuleCatalog(RULES), toolVersion: '0.0.0' }),
    ) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    for (const r of sarif.runs[0]!.results) {
      expect(r.message.text).not.toMatch(ACTIVE_CONTROLS);
      expect(r.message.text, 'SARIF embedded link').not.toMatch(/(?<!\\)[[\]]/);
    }
  });

  it('review: line comments carry their own marker first and nothing else can be taken for it', () => {
    const placement = placeFindings(review.newFindings, changedFiles());
    expect(placement.comments.length).toBeGreaterThan(0);
    for (const c of placement.comments) {
      const comment = renderComment(c, docs);
      expect(findingIdIn(comment.body)).toBe(c.finding.id);
      expectInertMarkdown(comment.body, `comment on ${c.path}:${c.line}`, { marker: true });
      const offline = renderComment(c, offlineDocs);
      expectInertMarkdown(offline.body, `offline comment on ${c.path}:${c.line}`, {
        marker: true,
        ownDetails: 1,
      });
    }
    // Capped, so the body names the check (for a base branch whose name is hostile) twice.
    const capped = placeFindings(review.newFindings, changedFiles(), { maxLineComments: 1 });
    expect(capped.capped).toBeDefined();
    const posted = renderPullRequestReview(
      review,
      capped.comments.map((c) => renderComment(c, docs)),
      capped,
      { headSha: 'ffff000000000000000000000000000000000001', checkName: HOSTILE_CHECK },
    )!;
    expect(hasReviewMarker(posted.body, 'ffff000000000000000000000000000000000001')).toBe(true);
    expectInertMarkdown(posted.body, 'review body', { marker: true });
  });

  it('review: check summary, annotations and terminal text', () => {
    const placement = placeFindings(review.newFindings, changedFiles());
    const check = renderCheckRun(
      review,
      {
        comments: [],
        elsewhere: placement.elsewhere.concat(placement.comments.map((c) => c.finding)),
        capped: { findings: 2, limit: 1 },
      },
      { docs, checkName: HOSTILE_CHECK },
    );
    expectInertMarkdown(check.summary, 'check summary');
    // The check's copy is truncated at GitHub's limit; the whole summary holds the diagram.
    const full = renderSummary(review, { docs, placement });
    expectInertMarkdown(full, 'whole summary');
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(full)?.[1];
    expect(diagram).toBeDefined();
    expectInertMermaid(diagram!, 'touched-flows diagram');
    expect(check.annotations.length).toBeGreaterThan(0);
    for (const a of check.annotations) {
      const [message, why = ''] = a.message.split('\nWhy: ');
      expect(message).not.toMatch(ACTIVE_CONTROLS);
      expect(why).not.toContain('\n');
    }
    expectInertTerminal(renderReviewText(review, placement, { docs, color: true }), 'review text');
  });

  it('contract diff: text and Markdown', async () => {
    const path = `blueprint/${HOSTILE_FILE}`;
    const outcome = await diffFiles(BASE_FILES, HEAD_FILES, {}, path);
    expect(outcome.changes.some((c) => c.message.includes(ATTACKS[0]!))).toBe(true);
    expectInertTerminal(renderDiffText(outcome), 'diff text');
    expectInertMarkdown(renderDiffMarkdown(outcome, 'base → head'), 'diff markdown');
  });

  it('architecture document: Markdown, HTML and the Mermaid topology', () => {
    expectInertMarkdown(renderArchitectureMarkdown(model, findings), 'doc markdown');
    for (const mediators of MEDIATOR_MODES) {
      const topology = buildTopology(model, { mediators });
      expect(topology.kind).toBe('whole');
      for (const source of diagramSources(topology))
        expectInertMermaid(source, `doc topology (${mediators})`);
    }
    const html = renderArchitectureHtml(model, findings, { mermaidScript: 'window.mermaid={};' });
    expect(html).not.toMatch(ACTIVE_CONTROLS);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/<(img|details|summary)\b/i);
    expect(html).not.toMatch(/<!--/);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('architecture document of a topology split per domain and owner: headings, folded diagrams, overview', () => {
    // Limits low enough that the hostile blueprint's few flows are drawn as an overview and parts.
    const limits = { maxEdges: 2, maxTextSize: 100_000 };
    for (const mediators of MEDIATOR_MODES) {
      const topology = buildTopology(model, { mediators, limits });
      expect(topology.kind).toBe('split');
      if (topology.kind === 'split')
        expect(new Set(topology.parts.map((p) => p.group.kind))).toEqual(new Set(['domain', 'owner']));
      const sources = diagramSources(topology);
      expect(sources.length).toBeGreaterThan(2);
      for (const source of sources) expectInertMermaid(source, `split topology (${mediators})`);
      const md = renderArchitectureMarkdown(model, findings, { mediators, limits });
      const folded = md.match(/<details><summary>Diagram/g)?.length ?? 0;
      expect(folded).toBeGreaterThan(1);
      expectInertMarkdown(md, `split doc markdown (${mediators})`, { ownDetails: folded });
      const html = renderArchitectureHtml(model, findings, {
        mediators,
        limits,
        mermaidScript: 'window.mermaid={};',
      });
      expect(html).not.toMatch(ACTIVE_CONTROLS);
      expect(html.match(/<script/g)).toHaveLength(2);
      // Our folded diagrams are the only <details>; their summaries hold our words and inert names.
      expect(html.match(/<details\b/g)?.length).toBe(html.match(/<details class="diagram-part">/g)?.length);
      expect(html).not.toMatch(/<img\b/i);
      expect(html).not.toMatch(/<!--/);
    }
  });

  it('sign-off: check summary and terminal text', async () => {
    const { decision } = await unreviewedSignoff(
      new InMemoryFileSource(BASE_FILES, 'base'),
      new InMemoryFileSource(HEAD_FILES, 'head'),
      changedFiles(),
    );
    expectInertMarkdown(renderSummaryMarkdown(decision), 'sign-off summary');
    // Why a rule applies names each element: an id that is not one word is a quotation, so that
    // its words (`✅ All approvals present`) cannot read as the gate's own.
    const because = decision.rules.flatMap((r) => r.because).join('\n');
    expect(because).toContain(' is added');
    const reasons = decision.rules.flatMap((r) => r.groups.flatMap((g) => g.reasons)).join('\n');
    for (const a of ATTACKS.filter((a) => /\s/.test(a))) {
      expect(because, a).not.toContain(` ${a} is `);
      for (const kind of ['system', 'contract']) expect(reasons, a).not.toContain(`${kind} ${a}`);
    }
    expectInertTerminal(renderDecisionText(decision), 'sign-off text');
  });

  it('a failed job: the check says why, and a reason that quotes repository text stays inert', () => {
    // Error messages echo their input: V8's JSON.parse quotes the text it choked on, a GitHub
    // failure names the request (and GitHub's own words about it).
    const reasons = ATTACKS.flatMap((a) => {
      let parseError: unknown;
      try {
        JSON.parse(`{"a": ${a}}`);
      } catch (error) {
        parseError = error;
      }
      return [
        explain(parseError),
        explain(new TypeError(a)),
        explain(new GitHubError({ kind: 'unprocessable', request: `POST ${a}`, detail: a })),
      ];
    });
    reasons.push(reasons.join('\n\n'));
    for (const reason of reasons) {
      const review = failureOutput(reason).summary;
      expectInertMarkdown(review, `review failure: ${reason}`);
      expect(review).toContain('could not finish');
      const signoff = signoffFailureOutput(reason, 'Blueprint review').summary;
      expectInertMarkdown(signoff, `sign-off failure: ${reason}`);
    }
    // Our own paragraphs stay paragraphs.
    expect(failureOutput('first\n\nsecond').summary).toMatch(/\nfirst\n\nsecond\n/);
  });
});
