/** The topology section of the architecture document: one diagram, or an overview and one per domain. */
import type { BlueprintModel, Flow } from '../model/types.js';
import type { Block, Cell, DiagramBlock, Inline, Section } from './outline.js';
import type { MediatorMode } from './mediator-mode.js';
import { DEFAULT_MEDIATOR_MODE } from './mediator-mode.js';
import type { Diagram } from './topology.js';
import { patternStyle } from './topology.js';
import type { DiagramLimits, GroupPart, SystemGroup, Topology } from './topology-views.js';
import { buildTopology } from './topology-views.js';

export interface TopologyDocOptions {
  /** Platform components as boxes on the flows' paths, or named in the arrows' labels. */
  mediators?: MediatorMode;
  /** Diagram limits (default Mermaid's); tests lower them to split small blueprints. */
  limits?: DiagramLimits;
}

export function topologySection(model: BlueprintModel, options: TopologyDocOptions = {}): Section {
  const mediators = options.mediators ?? DEFAULT_MEDIATOR_MODE;
  const topology = buildTopology(model, { mediators, ...(options.limits ? { limits: options.limits } : {}) });
  const blocks: Block[] = [{ kind: 'paragraph', content: [introduction(mediators)] }];
  if (topology.kind === 'whole') blocks.push(diagramBlock(topology.diagram));
  else blocks.push(...splitBlocks(model, topology));
  if (topology.undrawn.length > 0) {
    blocks.push({
      kind: 'paragraph',
      content: [
        'Not drawn (an end names no declared system): ',
        ...topology.undrawn.flatMap((f, i): Inline[] => [...(i > 0 ? [', '] : []), { code: f.id }]),
        '.',
      ],
    });
  }
  return { id: 'topology', title: 'Topology', blocks };
}

function introduction(mediators: MediatorMode): string {
  return [
    'Every system in scope and every flow between them. Arrows point in the direction the data moves;',
    'their colour and line give the communication pattern. Dashed boxes are systems outside the organisation.',
    mediators === 'nodes'
      ? 'Platform components a flow goes through (gateways, topics, jobs) are the amber boxes on its path.'
      : 'The second line of an arrow’s label names the platform component it goes through.',
    'Flows with the same pattern between the same two boxes are one arrow with their count; the flow',
    'catalogue lists each.',
  ].join(' ');
}

function diagramBlock(diagram: Diagram, extra: Partial<DiagramBlock> = {}): DiagramBlock {
  return {
    kind: 'diagram',
    source: diagram.source,
    legend: diagram.legend,
    nodeKinds: diagram.nodeKinds,
    systems: diagram.systems,
    ...extra,
  };
}

function splitBlocks(model: BlueprintModel, topology: SplitTopology): Block[] {
  const groups = [...new Set(topology.parts.map((p) => p.group))];
  const words = groupingWords(groups);
  return [
    splitIntroduction(model, topology, groups.length, words),
    ...overviewBlocks(topology, words),
    ...topology.parts.map(partBlock),
  ];
}

type SplitTopology = Extract<Topology, { kind: 'split' }>;

/** Why the topology is drawn in parts, and how: the numbers past Mermaid's limits, and the parts. */
function splitIntroduction(
  model: BlueprintModel,
  topology: SplitTopology,
  groupCount: number,
  words: ReturnType<typeof groupingWords>,
): Block {
  const { whole, limits, parts } = topology;
  const overviewOf =
    topology.clusters === 'groups'
      ? `an overview of its ${groupCount} ${words.plural} with the flows between them, then one diagram per ${words.singular}` +
        (parts.length > groupCount
          ? ` (${parts.length} in all: a ${words.singular} too big for one diagram is cut into parts along its flows, so neighbours stay together)`
          : '')
      : `an overview of its ${parts.length} parts (cut along the flows, so neighbours stay together) with the flows between them, then one diagram per part`;
  return {
    kind: 'paragraph',
    content: [
      `Drawn as one diagram, this topology (${count(model.systems.length, 'system')}, ${count(model.flows.length, 'flow')}) `,
      `would have ${number(whole.edges)} arrows and ${number(whole.characters)} characters of Mermaid, past what Mermaid draws `,
      `(${number(limits.maxEdges)} arrows, ${number(limits.maxTextSize)} characters by default). `,
      `It is drawn in parts instead: ${overviewOf}. In each, the systems outside it are grey boxes, one per `,
      `other ${words.singular}${parts.length > groupCount ? ' or part' : ''}. Open a diagram to draw it.`,
      ...(words.hint ? [' ', ...words.hint] : []),
    ],
  };
}

/** The overview diagram, or, when it too is past the limits, the flows between groups as a table. */
function overviewBlocks(topology: SplitTopology, words: ReturnType<typeof groupingWords>): Block[] {
  if (topology.overview) return [diagramBlock(topology.overview, { title: ['Overview'] })];
  return [
    {
      kind: 'paragraph',
      content: [
        `The overview would be past those limits too, so the flows between ${words.plural} are a table:`,
      ],
    },
    betweenTable(topology),
  ];
}

/** One part's diagram (collapsed), or why it is not drawn. */
function partBlock(part: GroupPart): Block {
  const title = partHeading(part);
  if (part.diagram) return diagramBlock(part.diagram, { title, collapsed: true });
  return {
    kind: 'paragraph',
    content: [
      ...title,
      ': not drawn. Its systems have more flows to different boxes than one diagram holds, even one system at a time; the flow catalogue lists them.',
    ],
  };
}

function groupingWords(groups: readonly SystemGroup[]): {
  singular: string;
  plural: string;
  hint?: Inline[];
} {
  const kinds = new Set(groups.map((g) => g.kind));
  if (kinds.size === 1 && kinds.has('domain')) return { singular: 'domain', plural: 'domains' };
  const hint: Inline[] = [
    'Systems that declare their ',
    { code: 'domain' },
    ' are drawn with their domain; the others with their owner.',
  ];
  if (!kinds.has('domain')) return { singular: 'owner', plural: 'owners', hint };
  return { singular: 'group', plural: 'groups (domains, or owners)', hint };
}

function partHeading(part: GroupPart): Inline[] {
  const { group } = part;
  const name: Inline[] =
    group.kind === 'none'
      ? [{ strong: 'Systems with neither domain nor owner' }]
      : [{ strong: group.kind === 'domain' ? 'Domain' : 'Owner' }, ' ', { code: group.name }];
  return [
    ...name,
    ...(part.of > 1 ? [` — part ${part.index} of ${part.of}`] : []),
    { muted: ` · ${count(part.systems.length, 'system')}, ${count(part.flows, 'flow')}` },
  ];
}

function betweenTable(topology: SplitTopology): Block {
  const rows = [...topology.between]
    .filter((pair) => pair.from !== pair.to)
    .sort((a, b) => b.flows.length - a.flows.length)
    .map((pair): Cell[] => [
      { code: pair.from.title },
      { code: pair.to.title },
      String(pair.flows.length),
      patternBadges(pair.flows),
    ]);
  return {
    kind: 'table',
    headers: ['From', 'To', 'Flows', 'Patterns'],
    rows,
    empty: 'No flows between them.',
  };
}

function patternBadges(flows: readonly Flow[]): Inline[] {
  const counts = new Map<string, number>();
  for (const f of flows)
    counts.set(f.pattern ?? 'not stated', (counts.get(f.pattern ?? 'not stated') ?? 0) + 1);
  return [...counts].flatMap(([pattern, n], i): Inline[] => [
    ...(i > 0 ? [' '] : []),
    { badge: `${pattern} ${n}`, tone: 'accent', color: patternStyle(pattern).color },
  ]);
}

const number = (n: number) => n.toLocaleString('en-US');
const count = (n: number, noun: string) => `${number(n)} ${noun}${n === 1 ? '' : 's'}`;
