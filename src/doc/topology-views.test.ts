import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTopology } from '../../test/support/generate-topology.js';
import type { TopologyOptions as GeneratorOptions } from '../../test/support/generate-topology.js';
import { DiskFileSource } from '../adapters/disk-file-source.js';
import { InMemoryFileSource } from '../core/file-source.js';
import { loadBlueprint } from '../load/load-blueprint.js';
import type { BlueprintModel } from '../model/types.js';
import { buildOutline } from './build-outline.js';
import { renderArchitectureHtml } from './html.js';
import { renderArchitectureMarkdown } from './markdown.js';
import type { DiagramBlock } from './outline.js';
import { plainText } from './outline.js';
import type { DiagramLimits, Topology } from './topology-views.js';
import { buildTopology, MERMAID_LIMITS } from './topology-views.js';
import type { Diagram } from './topology.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function generated(options: GeneratorOptions): Promise<BlueprintModel> {
  const { files, root } = generateTopology(options);
  const loaded = await loadBlueprint(new InMemoryFileSource(files), root, { validateContracts: false });
  expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return loaded.model!;
}

function split(topology: Topology): Extract<Topology, { kind: 'split' }> {
  if (topology.kind !== 'split') throw new Error('expected the topology to be split');
  return topology;
}

function fits(diagram: Diagram, limits: DiagramLimits): boolean {
  return diagram.edges <= limits.maxEdges && diagram.source.length <= limits.maxTextSize;
}

/** Ids of the systems a diagram draws as themselves (their box's second line starts with the id). */
function systemsDrawn(source: string): string[] {
  return [...source.matchAll(/^ {2}n\d+\("<b>[^<]*<\/b><br\/><small>([^ <]+)/gm)].map((m) => m[1]!);
}

/** Arrow labels of a diagram, as written. */
function arrowLabels(source: string): string[] {
  return [...source.matchAll(/\|"([^"]*)"\|/g)].map((m) => m[1]!.replace(/<br\/>.*$/, ''));
}

describe('a busy hub', () => {
  let model: BlueprintModel;
  beforeAll(async () => {
    const loaded = await loadBlueprint(new DiskFileSource(repoRoot), 'test/fixtures/doc/busy', {
      validateContracts: false,
    });
    model = loaded.model!;
  }, 60_000);

  it('names each flow once: parallel flows of one pattern between two boxes are one arrow with a count', () => {
    for (const mediators of ['nodes', 'labels'] as const) {
      const topology = buildTopology(model, { mediators });
      if (topology.kind !== 'whole') throw new Error('the busy hub fits one diagram');
      const labels = arrowLabels(topology.diagram.source);
      const named = labels.filter((l) => !/^\d+ flows$/.test(l));
      const counted = labels.reduce((n, l) => n + Number(/^(\d+) flows$/.exec(l)?.[1] ?? 0), 0);
      // Every flow is on the diagram exactly once: by name or in one count.
      expect(named.length + counted, mediators).toBe(model.flows.length);
      expect(new Set(named).size, mediators).toBe(named.length);
      // No two arrows between the same boxes with the same pattern (their labels would stack).
      const arrows = [
        ...topology.diagram.source.matchAll(/^ {2}(n\d+) (-->|-\.->|==>)(?:\|"[^"]*"\|)? (n\d+)$/gm),
      ];
      const keys = arrows.map((a) => `${a[1]} ${a[2]} ${a[3]}`);
      expect(new Set(keys).size, mediators).toBe(keys.length);
      expect(topology.diagram.edges, mediators).toBe(arrows.length);
    }
  });

  it('labels mode: webshop → orders has two request-response flows through the gateway, one arrow "2 flows via gateway"', () => {
    const topology = buildTopology(model, { mediators: 'labels' });
    if (topology.kind !== 'whole') throw new Error('the busy hub fits one diagram');
    expect(topology.diagram.source).toMatch(/n1 -->\|"2 flows<br\/><small>via gateway<\/small>"\| n0/);
    // orders → psp: two flows through egress; orders → warehouse: two through the mesh, one event.
    expect(topology.diagram.source).toMatch(/n0 -->\|"2 flows<br\/><small>via egress<\/small>"\| n6/);
    expect(topology.diagram.source).toMatch(
      /n0 -\.->\|"fulfil-order<br\/><small>via order-events<\/small>"\| n3/,
    );
  });

  it('nodes mode: a topic fans out, each consumer arrow named by its flow', () => {
    const topology = buildTopology(model, { mediators: 'nodes' });
    if (topology.kind !== 'whole') throw new Error('the busy hub fits one diagram');
    const { source } = topology.diagram;
    const topic = /^ {2}(n\d+)\(\["<b>orders\.events\.v1/m.exec(source)![1]!;
    const out = [...source.matchAll(new RegExp(`^ {2}${topic} -\\.->\\|"([^"]+)"\\| n\\d+$`, 'gm'))].map(
      (m) => m[1],
    );
    expect(out.sort()).toEqual([
      'fulfil-order',
      'invoice-order',
      'order-to-analytics',
      'order-to-loyalty',
      'order-to-notify',
    ]);
    // The producer's one arrow into the topic carries no label (its five flows are named downstream).
    expect(source).toMatch(new RegExp(`^ {2}n0 -\\.-> ${topic}$`, 'm'));
  });
});

describe('a topology past the diagram limits', () => {
  const limits: DiagramLimits = { maxEdges: 60, maxTextSize: 8_000 };

  it('is an overview of its domains and one diagram per domain, each within the limits', async () => {
    const model = await generated({ systems: 80, flows: 240, domains: 4 });
    const topology = split(buildTopology(model, { mediators: 'nodes', limits }));
    expect(topology.whole.edges).toBeGreaterThan(limits.maxEdges);
    expect(topology.clusters).toBe('groups');
    expect(fits(topology.overview!, limits)).toBe(true);
    expect(topology.overview!.source.match(/:::group$/gm)).toHaveLength(4);
    expect(new Set(topology.parts.map((p) => p.group.name))).toEqual(
      new Set(['domain-00', 'domain-01', 'domain-02', 'domain-03']),
    );
    for (const part of topology.parts) expect(fits(part.diagram!, limits), part.group.name).toBe(true);

    // Every system is drawn as itself in exactly one part, and in that part's group.
    const drawn = topology.parts.flatMap((p) => {
      const ids = systemsDrawn(p.diagram!.source);
      expect(ids.sort()).toEqual(p.systems.map((s) => s.id).sort());
      for (const s of p.systems) expect(s.domain).toBe(p.group.name);
      return ids;
    });
    expect(drawn.sort()).toEqual(model.systems.map((s) => s.id).sort());
    // Every flow has an end in some part and is counted in the parts that draw its ends.
    const flowsPerPart = topology.parts.reduce((n, p) => n + p.flows, 0);
    expect(flowsPerPart).toBeGreaterThanOrEqual(model.flows.length);
    // The overview's arrows count the flows across domains; inside counts sum with them to all flows.
    const across = topology.between.filter((p) => p.from !== p.to).reduce((n, p) => n + p.flows.length, 0);
    const inside = topology.between.filter((p) => p.from === p.to).reduce((n, p) => n + p.flows.length, 0);
    expect(across + inside).toBe(model.flows.length);
    expect(across).toBeGreaterThan(0);

    // The document says how it is drawn, and that a domain may take several diagrams.
    const section = buildOutline(model, [], { limits }).sections.find((s) => s.id === 'topology')!;
    const text = section.blocks.map((b) => (b.kind === 'paragraph' ? plainText(b.content) : '')).join(' ');
    expect(text).toContain(`past what Mermaid draws (60 arrows, 8,000 characters by default)`);
    expect(text).toContain(
      'an overview of its 4 domains with the flows between them, then one diagram per domain',
    );
    expect(topology.parts.length).toBeGreaterThan(4);
    expect(text).toContain(
      `(${topology.parts.length} in all: a domain too big for one diagram is cut into parts`,
    );
  });

  it('groups by owner when systems declare no domain, and says how to choose the grouping', async () => {
    const model = await generated({ systems: 80, flows: 240, domains: 4, declareDomains: false });
    const topology = split(buildTopology(model, { mediators: 'nodes', limits }));
    expect(topology.parts.every((p) => p.group.kind === 'owner')).toBe(true);
    const section = buildOutline(model, [], { limits }).sections.find((s) => s.id === 'topology')!;
    const text = section.blocks.map((b) => (b.kind === 'paragraph' ? plainText(b.content) : '')).join(' ');
    expect(text).toContain('an overview of its');
    expect(text).toContain('owners');
    expect(text).toContain('Systems that declare their domain are drawn with their domain');
  });

  it('cuts one domain too big for a diagram into parts that keep neighbours together', async () => {
    const model = await generated({ systems: 60, flows: 180, domains: 1 });
    const topology = split(buildTopology(model, { mediators: 'labels', limits }));
    expect(topology.clusters).toBe('parts');
    expect(topology.parts.length).toBeGreaterThan(1);
    expect(topology.parts.every((p) => p.of === topology.parts.length)).toBe(true);
    for (const part of topology.parts) expect(fits(part.diagram!, limits)).toBe(true);
    // The other parts appear as grey boxes in each part.
    expect(topology.parts[0]!.diagram!.source).toMatch(/#40;part 2 of \d+#41;/);
    // A hub alone in its diagram does not scatter the rest of its domain into single systems.
    expect(topology.parts.length).toBeLessThan(model.systems.length / 4);
  });

  it('falls back to a table when even the overview is too big, and names a system that no diagram holds', async () => {
    const model = await generated({ systems: 40, flows: 200, domains: 6, crossDomain: 0.9 });
    const tiny: DiagramLimits = { maxEdges: 6, maxTextSize: 100_000 };
    const topology = split(buildTopology(model, { mediators: 'labels', limits: tiny }));
    expect(topology.overview).toBeUndefined();
    expect(topology.parts.some((p) => p.diagram === undefined)).toBe(true);
    const section = buildOutline(model, [], { limits: tiny, mediators: 'labels' }).sections.find(
      (s) => s.id === 'topology',
    )!;
    const table = section.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.headers).toEqual(['From', 'To', 'Flows', 'Patterns']);
    const text = section.blocks.map((b) => (b.kind === 'paragraph' ? plainText(b.content) : '')).join(' ');
    expect(text).toContain('The overview would be past those limits too');
    expect(text).toContain(': not drawn.');
  });

  it('renders as headed, folded diagrams in Markdown and HTML, the overview open', async () => {
    const model = await generated({ systems: 80, flows: 240, domains: 4 });
    const section = buildOutline(model, [], { limits }).sections.find((s) => s.id === 'topology')!;
    const diagrams = section.blocks.filter((b): b is DiagramBlock => b.kind === 'diagram');
    expect(diagrams[0]!.collapsed).toBeFalsy();
    expect(plainText(diagrams[0]!.title!)).toBe('Overview');
    expect(diagrams.slice(1).every((d) => d.collapsed)).toBe(true);

    const md = renderArchitectureMarkdown(model, [], { limits });
    expect(md.match(/```mermaid/g)).toHaveLength(diagrams.length);
    expect(md.match(/<details><summary>Diagram \(\d+ systems\)<\/summary>/g)).toHaveLength(
      diagrams.length - 1,
    );
    expect(md).toContain('**Domain** `domain-00`');

    const html = renderArchitectureHtml(model, [], { limits, mermaidScript: '' });
    expect(html.match(/<details class="diagram-part">/g)).toHaveLength(diagrams.length - 1);
    expect(html.match(/data-render="on-open"/g)).toHaveLength(diagrams.length - 1);
    expect(html).toContain('<h3 class="diagram-title">Overview</h3>');
  });
});

describe('at the size of a large organisation (3,000 systems, 12,000 flows)', () => {
  it('every diagram is within what Mermaid draws', async () => {
    const model = await generated({ systems: 3_000, flows: 12_000, domains: 12 });
    const topology = split(buildTopology(model, { mediators: 'nodes' }));
    expect(topology.whole.edges).toBeGreaterThan(MERMAID_LIMITS.maxEdges);
    expect(topology.whole.characters).toBeGreaterThan(MERMAID_LIMITS.maxTextSize);
    expect(fits(topology.overview!, MERMAID_LIMITS)).toBe(true);
    for (const part of topology.parts) expect(fits(part.diagram!, MERMAID_LIMITS)).toBe(true);
    expect(new Set(topology.parts.map((p) => p.group.name)).size).toBe(12);
    const drawn = topology.parts.reduce((n, p) => n + p.systems.length, 0);
    expect(drawn).toBe(3_000);
  }, 120_000);
});
