/**
 * Topology diagrams as Mermaid flowcharts: systems as boxes, flows as arrows drawn by communication
 * pattern, and the platform components that mediate them (`via`) either as boxes of their own on the
 * flow's path or as a line of the arrow's label. Parallel flows between the same two boxes with the
 * same pattern are one arrow with a count, so a busy system has one label per neighbour and pattern,
 * not one per flow (the flow catalogue lists each). Every label comes from the blueprint (untrusted),
 * so it is reduced to Mermaid entity codes before it goes inside quotes.
 */
import { mermaidLabel } from '../core/inert-markup.js';
import type { Component, Flow, System } from '../model/types.js';
import type { MediatorMode } from './mediator-mode.js';
import type { LegendEntry, NodeKind } from './outline.js';

export interface PatternStyle {
  color: string;
  width: number;
  /** Mermaid arrow (`-->`, `-.->`, `==>`). */
  arrow: string;
  line: string;
}

export const PATTERN_STYLES: Readonly<Record<string, PatternStyle>> = {
  'request-response': { color: '#2563eb', width: 2, arrow: '-->', line: 'solid' },
  event: { color: '#ea580c', width: 2, arrow: '-.->', line: 'dotted' },
  batch: { color: '#7c3aed', width: 2, arrow: '-->', line: 'solid' },
  stream: { color: '#059669', width: 3.5, arrow: '==>', line: 'thick' },
};
export const UNKNOWN_PATTERN: PatternStyle = { color: '#94a3b8', width: 2, arrow: '-->', line: 'solid' };
/** Arrows of an overview that bundle flows of several patterns. */
export const MIXED_PATTERNS: PatternStyle = { color: '#475569', width: 2, arrow: '-->', line: 'solid' };

export function patternStyle(pattern: string | undefined): PatternStyle {
  return (
    (pattern !== undefined && Object.hasOwn(PATTERN_STYLES, pattern) && PATTERN_STYLES[pattern]) ||
    UNKNOWN_PATTERN
  );
}

/** One rendered flowchart and what a caller needs to know about it. */
export interface Diagram {
  source: string;
  legend: LegendEntry[];
  nodeKinds: NodeKind[];
  /** Boxes that are one system each. */
  systems: number;
  /** Arrows drawn (Mermaid's `maxEdges` counts these). */
  edges: number;
}

/**
 * Where a diagram draws a system: as itself, or folded into one box that stands for several systems
 * (another domain, another part of this one).
 */
export type Place =
  { kind: 'system'; system: System } | { kind: 'group'; key: string; title: string; detail: string };

export interface DiagramInput {
  /** Systems drawn as themselves even when no flow reaches them, in this order. */
  systems: readonly System[];
  /** The flows to consider; a flow whose two ends are folded boxes is left out. */
  flows: readonly Flow[];
  place(systemId: string): Place | undefined;
  mediators: MediatorMode;
  components: ReadonlyMap<string, Component>;
}

/** A diagram of systems, the flows between them and, as boxes, the components they go through. */
export function drawFlows(input: DiagramInput): Diagram {
  const chart = new Flowchart();
  for (const system of input.systems) chart.system(system);
  const legs = new Map<string, Leg>();
  const paths: { flow: Flow; legs: Leg[] }[] = [];
  for (const flow of input.flows) {
    const from = input.place(flow.from);
    const to = input.place(flow.to);
    if (!from || !to || (from.kind === 'group' && to.kind === 'group')) continue;
    const ends = [chart.place(from), chart.place(to)];
    const via = input.mediators === 'nodes' && flow.via !== undefined ? flow.via : undefined;
    const stops =
      via === undefined ? ends : [ends[0]!, chart.mediator(via, input.components.get(via)), ends[1]!];
    const path: Leg[] = [];
    for (let i = 1; i < stops.length; i++) {
      const key = `${stops[i - 1]}>${stops[i]}>${flow.pattern ?? ''}`;
      let leg = legs.get(key);
      if (!leg) legs.set(key, (leg = { from: stops[i - 1]!, to: stops[i]!, flows: [], labelled: [] }));
      leg.flows.push(flow);
      path.push(leg);
    }
    paths.push({ flow, legs: path });
  }
  // A flow is named on the leg of its path that carries the fewest flows (the second on a tie): a
  // topic's consumers each get their flow's name, the producer's arrow into it a count.
  for (const { flow, legs: path } of paths) {
    const quietest = path.reduce((best, leg) => (leg.flows.length <= best.flows.length ? leg : best));
    quietest.labelled.push(flow);
  }
  for (const leg of legs.values()) {
    chart.edge(leg.from, leg.to, patternStyle(leg.flows[0]!.pattern), legLabel(leg, input.mediators));
  }
  return chart.finish(legendFor(paths.map((p) => p.flow.pattern)));
}

interface Leg {
  from: string;
  to: string;
  flows: Flow[];
  labelled: Flow[];
}

function legLabel(leg: Leg, mediators: MediatorMode): string | undefined {
  const named = leg.labelled;
  if (named.length === 0) return undefined;
  const text = named.length === 1 ? mermaidLabel(named[0]!.id) : `${named.length} flows`;
  const vias = new Set(named.map((f) => f.via));
  const via = mediators === 'labels' && vias.size === 1 ? [...vias][0] : undefined;
  return via === undefined ? text : `${text}<br/><small>via ${mermaidLabel(via)}</small>`;
}

/** A legend entry per pattern in use, in the palette's order, then "pattern not stated" if any. */
export function legendFor(patterns: readonly (string | undefined)[], mixed = false): LegendEntry[] {
  const used = new Set(patterns.map((p) => p ?? 'unspecified'));
  const entries: LegendEntry[] = [];
  for (const [pattern, style] of Object.entries(PATTERN_STYLES)) {
    if (used.has(pattern)) entries.push({ label: pattern, color: style.color, line: style.line });
  }
  if ([...used].some((p) => !Object.hasOwn(PATTERN_STYLES, p))) {
    entries.push({ label: 'pattern not stated', color: UNKNOWN_PATTERN.color, line: UNKNOWN_PATTERN.line });
  }
  if (mixed)
    entries.push({ label: 'several patterns', color: MIXED_PATTERNS.color, line: MIXED_PATTERNS.line });
  return entries;
}

const CLASS_DEFS = [
  'classDef internal fill:#eef2ff,stroke:#4f46e5,stroke-width:1.5px,color:#1e1b4b',
  'classDef external fill:#f8fafc,stroke:#64748b,stroke-width:1.5px,stroke-dasharray:5 3,color:#334155',
  'classDef mediator fill:#fffbeb,stroke:#d97706,stroke-width:1.5px,color:#78350f',
  'classDef group fill:#f1f5f9,stroke:#475569,stroke-width:2px,color:#0f172a',
];

/** Mermaid shapes of platform components: gateways hexagons, topics and queues stadiums, jobs subroutines. */
function mediatorShape(kind: string | undefined): [string, string] {
  if (kind === 'broker-topic' || kind === 'broker-queue' || kind === 'event-bus') return ['(["', '"])'];
  if (kind === 'etl-job' || kind === 'file-transfer' || kind === 'stream-processor') return ['[["', '"]]'];
  return ['{{"', '"}}'];
}

/**
 * Builds one flowchart's source: each box declared once under a short generated id (blueprint ids
 * never become Mermaid ids), arrows in order, one `linkStyle` per pattern.
 */
export class Flowchart {
  private readonly lines = ['flowchart LR'];
  private readonly ids = new Map<string, string>();
  private readonly styles = new Map<PatternStyle, number[]>();
  private readonly kinds = new Set<NodeKind>();
  private edges = 0;
  private systems = 0;

  /** A system's box; returns its Mermaid id. */
  system(system: System): string {
    return this.declare(`system:${system.id}`, (id) => {
      this.systems++;
      if (system.external) this.kinds.add('external');
      const name = system.name ?? system.id;
      const second = [system.name ? system.id : undefined, system.owner].filter(Boolean).join(' · ');
      return `${id}("${boxLabel(name, second)}"):::${system.external ? 'external' : 'internal'}`;
    });
  }

  /** A box standing for several systems; `key` identifies it across calls. */
  group(key: string, title: string, detail: string): string {
    return this.declare(`group:${key}`, (id) => {
      this.kinds.add('group');
      return `${id}["${boxLabel(title, detail)}"]:::group`;
    });
  }

  place(place: Place): string {
    return place.kind === 'system'
      ? this.system(place.system)
      : this.group(place.key, place.title, place.detail);
  }

  /** A platform component's box (`via`); one that the blueprint does not declare still gets its name. */
  mediator(via: string, component: Component | undefined): string {
    return this.declare(`via:${via}`, (id) => {
      this.kinds.add('mediator');
      const [open, close] = mediatorShape(component?.kind);
      return `${id}${open}${boxLabel(component?.name ?? via, component?.kind ?? 'not declared')}${close}:::mediator`;
    });
  }

  /** An arrow; `label` is Mermaid label text already made inert. */
  edge(from: string, to: string, style: PatternStyle, label?: string): void {
    this.lines.push(
      label === undefined ? `  ${from} ${style.arrow} ${to}` : `  ${from} ${style.arrow}|"${label}"| ${to}`,
    );
    const indexes = this.styles.get(style);
    if (indexes) indexes.push(this.edges++);
    else this.styles.set(style, [this.edges++]);
  }

  finish(legend: LegendEntry[]): Diagram {
    const lines = [...this.lines, ...CLASS_DEFS.map((c) => `  ${c}`)];
    for (const [style, indexes] of this.styles) {
      lines.push(
        `  linkStyle ${indexes.join(',')} stroke:${style.color},stroke-width:${style.width}px,color:${style.color}`,
      );
    }
    return {
      source: lines.join('\n') + '\n',
      legend,
      nodeKinds: (['external', 'mediator', 'group'] as const).filter((k) => this.kinds.has(k)),
      systems: this.systems,
      edges: this.edges,
    };
  }

  private declare(key: string, line: (id: string) => string): string {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `n${this.ids.size}`;
      this.ids.set(key, id);
      this.lines.push(`  ${line(id)}`);
    }
    return id;
  }
}

/** A box's label: a bold first line and a small second one, both inert. */
function boxLabel(title: string, detail: string): string {
  return detail
    ? `<b>${mermaidLabel(title)}</b><br/><small>${mermaidLabel(detail)}</small>`
    : `<b>${mermaidLabel(title)}</b>`;
}
