import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_SET } from '../../rules/index.js';
import { DiskFileSource } from '../adapters/disk-file-source.js';
import type { Finding } from '../core/finding.js';
import { lintBlueprint } from '../engine/lint-blueprint.js';
import { resolveRules } from '../engine/rule-set.js';
import type { BlueprintModel } from '../model/types.js';
import { buildOutline } from './build-outline.js';
import { findingsSection } from './outline-findings.js';
import { inlineScript, renderArchitectureHtml } from './html.js';
import { htmlText, mermaidLabel } from '../core/inert-markup.js';
import { renderArchitectureMarkdown } from './markdown.js';
import type { Block } from './outline.js';
import { plainText } from './outline.js';
import type { MediatorMode } from './mediator-mode.js';
import { MEDIATOR_MODES } from './mediator-mode.js';
import { buildTopology } from './topology-views.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'test/fixtures/doc/retail';

let model: BlueprintModel;
let findings: Finding[];

beforeAll(async () => {
  const result = await lintBlueprint(new DiskFileSource(repoRoot), FIXTURE, resolveRules(RULE_SET).rules);
  expect(result.model).toBeDefined();
  model = result.model!;
  findings = result.findings;
}, 60_000); // lints a blueprint with contracts: seconds on a loaded machine

function tableOf(sectionId: string, index = 0): Extract<Block, { kind: 'table' }> {
  const section = buildOutline(model, findings).sections.find((s) => s.id === sectionId)!;
  return section.blocks.filter((b) => b.kind === 'table')[index] as Extract<Block, { kind: 'table' }>;
}

/** A copy of the fixture model with one system renamed (the model is plain data). */
function withSystemName(name: string): BlueprintModel {
  return { ...model, systems: model.systems.map((s, i) => (i === 0 ? { ...s, name } : s)) };
}

/** The retail fixture's topology, which fits one diagram. */
function wholeDiagram(m: BlueprintModel, mediators: MediatorMode) {
  const topology = buildTopology(m, { mediators });
  if (topology.kind !== 'whole') throw new Error('expected one diagram');
  return topology;
}

describe('topology diagram', () => {
  it('mediators as labels: one box per system, one arrow per flow naming its component, coloured by pattern', () => {
    const { diagram, undrawn } = wholeDiagram(model, 'labels');
    const { source, systems, legend, nodeKinds } = diagram;
    expect(systems).toBe(4);
    expect(source.match(/^ {2}n\d+\(/gm)).toHaveLength(4);
    expect(source).toContain('n0 -->|"place-order<br/><small>via gateway</small>"| n1');
    expect(source).toContain('n1 -.->|"order-created<br/><small>via order-topic</small>"| n2');
    expect(source).toMatch(/linkStyle 0,2 stroke:#2563eb/);
    expect(source).toMatch(/linkStyle 1 stroke:#ea580c/);
    expect(source).toMatch(/n3\(.*Payment provider.*\):::external/);
    expect(undrawn).toEqual([]);
    expect(legend.map((l) => l.label)).toEqual(['request-response', 'event']);
    expect(nodeKinds).toEqual(['external']);
  });

  it('mediators as nodes: each component a box of its shape on the path of the flows through it', () => {
    const { source, systems, nodeKinds } = wholeDiagram(model, 'nodes').diagram;
    expect(systems).toBe(4);
    // The gateway a hexagon, the topic a stadium; named by id when the blueprint gives no name.
    expect(source).toMatch(
      /^ {2}(n\d+)\{\{"<b>gateway<\/b><br\/><small>api-gateway<\/small>"\}\}:::mediator$/m,
    );
    expect(source).toMatch(
      /^ {2}(n\d+)\(\["<b>order-topic<\/b><br\/><small>broker-topic<\/small>"\]\):::mediator$/m,
    );
    const gateway = /^ {2}(n\d+)\{\{/m.exec(source)![1]!;
    const topic = /^ {2}(n\d+)\(\[/m.exec(source)![1]!;
    // webshop → gateway → orders, the flow's id on one of the two legs, no "via" text left.
    expect(source).toMatch(new RegExp(`n0 --> ${gateway}$|n0 -->\\|"place-order"\\| ${gateway}$`, 'm'));
    expect(source).toMatch(new RegExp(`${gateway} -->(\\|"place-order"\\|)? n1$`, 'm'));
    expect(source.match(/place-order/g)).toHaveLength(1);
    expect(source).toMatch(new RegExp(`n1 -\\.->(\\|"order-created"\\|)? ${topic}$`, 'm'));
    expect(source).not.toContain('via ');
    expect(nodeKinds).toEqual(['external', 'mediator']);
    // A flow without `via` stays one arrow.
    expect(source).toContain('n1 -->|"capture-payment"| n3');
  });

  it('leaves out flows whose ends are not declared systems, and says so', () => {
    const broken = { ...model, flows: model.flows.map((f, i) => (i === 0 ? { ...f, to: 'nowhere' } : f)) };
    expect(wholeDiagram(broken, 'nodes').undrawn.map((f) => f.id)).toEqual(['place-order']);
    const topology = buildOutline(broken, []).sections.find((s) => s.id === 'topology')!;
    expect(topology.blocks.map((b) => (b.kind === 'paragraph' ? plainText(b.content) : '')).join()).toContain(
      'Not drawn',
    );
  });

  it('turns every label character Mermaid could read as syntax into an entity code', () => {
    expect(mermaidLabel('a"]; click x "evil"\n<b>#1|')).toBe(
      'a#34;#93;#59; click x #34;evil#34; #60;b#62;#35;1#124;',
    );
    for (const mediators of MEDIATOR_MODES) {
      const { source } = wholeDiagram(withSystemName('Shop"] --> x["pwn'), mediators).diagram;
      expect(source).not.toContain('"] --> x["');
    }
  });
});

describe('document outline', () => {
  it('catalogues every flow with pattern, mediator, contract version, delivery, auth and error handling', () => {
    const table = tableOf('flows');
    expect(table.headers).toEqual([
      'Flow',
      'From',
      'To',
      'Pattern',
      'Mediator',
      'Contract',
      'Delivery',
      'Auth',
      'Error handling',
    ]);
    const row = table.rows[0]!.map(plainText);
    expect(row.slice(0, 5)).toEqual([
      'place-order Place an order',
      'webshop',
      'orders',
      'request-response',
      'gateway',
    ]);
    expect(row[5]).toBe('orders-api v1.0.0 createOrder');
    expect(row[6]).toBe('at-most-once');
    expect(row[7]).toBe('oauth2-client-credentials');
    expect(row[8]).toBe(
      'timeout 2s · retry 3 attempts, backoff 200ms ×2 ≤ 2s, full jitter · circuit breaker · idempotent',
    );
    expect(table.rows[2]!.map(plainText)[5]).toBe('none');
  });

  it('lists contracts with version, owner and consumers, and the flows that use them', () => {
    const row = tableOf('contracts').rows[1]!.map(plainText);
    expect(row).toEqual([
      'order-events contracts/order-events.asyncapi.yaml',
      'AsyncAPI 3.0.0',
      '1.0.0',
      'draft',
      'acme/orders',
      'warehouse',
      'semver',
      'order-created',
    ]);
  });

  it('describes named and inline policies with the flows that use them', () => {
    const records = (id: string) => {
      const section = buildOutline(model, findings).sections.find((s) => s.id === id)!;
      const block = section.blocks.find((b) => b.kind === 'records') as Extract<Block, { kind: 'records' }>;
      return block.records.map((r) => ({
        title: plainText(r.title),
        subtitle: r.subtitle ? plainText(r.subtitle) : '',
        fields: Object.fromEntries(r.fields.map((f) => [f.label, plainText(f.value)])),
      }));
    };
    const errorHandling = records('error-handling');
    expect(errorHandling.map((r) => [r.title, r.subtitle])).toEqual([
      ['sync-call', 'Used by place-order'],
      ['async-consumer', 'Used by order-created'],
    ]);
    expect(errorHandling[1]!.fields).toEqual({
      Retry: '5 attempts, backoff 1s ×2 ≤ 1m, full jitter',
      'Dead letter':
        'orders.order-created.dlq, after 5 deliveries, kept 14d, replay: manual, owner acme/logistics',
      Alerts: 'dlqDepth 1, consumerLag 1000 → acme/logistics-oncall',
    });
    const security = records('security');
    expect(security.map((r) => r.title)).toEqual(['client-credentials', 'order-created (inline)']);
    expect(security[0]!.fields).toMatchObject({
      'Auth model': 'oauth2-client-credentials',
      Credentials: 'TTL 15m, rotation 90d',
      Transport: 'tls ≥ 1.2',
      Masking: 'customer.email (hash)',
    });
    expect(security[1]!.fields['Auth model']).toBe('mtls');
    expect(tableOf('security').rows.map((r) => r.map(plainText))).toEqual([
      ['place-order', 'confidential', 'GDPR', 'oauth2-client-credentials'],
    ]);
  });

  it('shows each ADR as a card: status, the decision with its rationale, the flows it justifies, a link to its file', () => {
    const section = buildOutline(model, findings).sections.find((s) => s.id === 'decisions')!;
    const block = section.blocks[0] as Extract<Block, { kind: 'records' }>;
    const adr = model.adrs[0]!;
    const card = block.records[0]!;
    expect(card.id).toBe(`adr-${adr.id}`);
    expect(plainText(card.subtitle!)).toBe('accepted  2024-03-01');
    const field = (label: string) => plainText(card.fields.find((f) => f.label === label)!.value);
    const outcome = adr.sections.find((s) => /decision outcome/i.test(s.title))!;
    expect(field('Decision')).toBe(
      outcome.body
        .split(/\n\s*\n/)[0]!
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(field('Decision makers')).toBe('acme/architects, acme/orders');
    expect(field('Justifies flows')).toBe('place-order');
    expect(card.fields.find((f) => f.label === 'Record')!.value).toEqual({ file: adr.file });
  });

  it('says which ADR replaced a superseded one, linking to its card', () => {
    const old = {
      ...model.adrs[0]!,
      id: '0000-old',
      file: 'adr/0000-old.md',
      status: 'superseded',
      supersededBy: model.adrs[0]!.id,
    };
    const outline = buildOutline({ ...model, adrs: [old, ...model.adrs] }, findings);
    const block = outline.sections.find((s) => s.id === 'decisions')!.blocks[0] as Extract<
      Block,
      { kind: 'records' }
    >;
    const superseded = block.records[0]!.fields.find((f) => f.label === 'Superseded by')!
      .value as readonly unknown[];
    expect(superseded[0]).toEqual({ anchor: `adr-${model.adrs[0]!.id}`, text: model.adrs[0]!.title });
  });

  it('links requirements to the flows that serve them', () => {
    expect(tableOf('requirements').rows.map((r) => plainText(r[4]!))).toEqual([
      'place-order, order-created',
      'capture-payment',
    ]);
  });

  it('lists the open findings', () => {
    const rows = tableOf('findings').rows.map((r) => r.map(plainText));
    expect(rows).toEqual(
      findings.map((f) => [f.severity, `${f.file}:${f.range.start.line}`, f.message, f.ruleId]),
    );
    expect(rows.some((r) => r[3] === 'topology/flow-without-contract')).toBe(true);
  });

  it('past the row limit: counts by rule, then the first findings with errors first, and says lint has them all', () => {
    const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 2 } });
    const many: Finding[] = Array.from({ length: 30 }, (_, i) => ({
      ruleId: i % 3 === 0 ? 'x/error-rule' : 'x/info-rule',
      severity: i % 3 === 0 ? 'error' : 'info',
      message: `finding ${i}`,
      file: 'blueprint.yaml',
      pointer: '',
      range: at(i + 1),
    }));
    const section = findingsSection(many, 8);
    const tables = section.blocks.filter((b) => b.kind === 'table');
    expect(tables.map((t) => t.rows.map((r) => r.map(plainText)))).toEqual([
      [
        ['error', 'x/error-rule', '10', 'blueprint.yaml:1 finding 0'],
        ['info', 'x/info-rule', '20', 'blueprint.yaml:2 finding 1'],
      ],
      [
        ...[0, 3, 6, 9, 12, 15, 18, 21].map((i) => [
          'error',
          `blueprint.yaml:${i + 1}`,
          `finding ${i}`,
          'x/error-rule',
        ]),
      ],
    ]);
    expect(plainText((section.blocks[0] as Extract<Block, { kind: 'paragraph' }>).content)).toContain(
      'There are 30: counted by rule first, then the first 8 one by one (errors first). blueprint-review lint lists them all.',
    );
    // At or under the limit: every finding, as lint orders them.
    expect(findingsSection(many, 30).blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
  });
});

describe('Markdown rendering', () => {
  it('renders a mermaid block and every section GitHub can link to', () => {
    const md = renderArchitectureMarkdown(model, findings);
    expect(md.startsWith('# Retail orders\n')).toBe(true);
    expect(md).toContain('```mermaid\nflowchart LR\n');
    for (const id of [
      'topology',
      'systems',
      'flows',
      'contracts',
      'error-handling',
      'security',
      'decisions',
      'requirements',
      'findings',
    ]) {
      expect(md).toContain(`<a id="${id}"></a>`);
      expect(md).toContain(`](#${id})`);
    }
    expect(md).toContain('| **place-order** *Place an order* | `webshop` | `orders` | request-response |');
  });

  it('keeps blueprint text from opening HTML, links or extra table cells', () => {
    const md = renderArchitectureMarkdown(
      withSystemName('<img src=x onerror=alert(1)> [x](http://e) a|b'),
      [],
    );
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\[`x](http://e)` a\\\\|b');
  });
});

describe('HTML rendering', () => {
  const mermaidScript =
    'window.mermaid = { initialize() {}, run() { return Promise.resolve(); } }; "</script><!--";';

  it('is one self-contained page: inline styles and scripts, a CSP without network, the diagram source', () => {
    const html = renderArchitectureHtml(model, findings, { mermaidScript });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    expect(html).toContain('<pre class="mermaid">flowchart LR');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('"\\x3C/script>\\x3C!--"');
  });

  it('escapes blueprint text', () => {
    const html = renderArchitectureHtml(withSystemName('<script>alert(1)</script>'), [], { mermaidScript });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('escapes the five HTML characters and script terminators', () => {
    expect(htmlText(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    expect(inlineScript('a="</SCRIPT>";b=/<!--/')).toBe('a="\\x3C/SCRIPT>";b=/\\x3C!--/');
  });
});
