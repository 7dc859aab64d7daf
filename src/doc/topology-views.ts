/**
 * The topology of a blueprint as the document shows it: one diagram when it fits what Mermaid draws,
 * else an overview of the domains (owners, when systems declare no domain) with the flows between
 * them, and one diagram per domain in which every other domain is folded into one box. A domain too
 * big for one diagram is cut into parts along its own flows (neighbours stay together).
 *
 * Mermaid refuses a flowchart of more than `maxEdges` arrows and draws "Maximum text size in diagram
 * exceeded" instead of one longer than `maxTextSize` characters (Mermaid 11's defaults),
 * so every diagram this module returns is measured against both before it is kept.
 */
import type { BlueprintModel, Component, Flow, System } from '../model/types.js';
import type { MediatorMode } from './mediator-mode.js';
import type { Diagram, Place } from './topology.js';
import { drawFlows, Flowchart, legendFor, MIXED_PATTERNS, patternStyle } from './topology.js';

export interface DiagramLimits {
  maxEdges: number;
  maxTextSize: number;
}

/** Mermaid 11's defaults (`maxEdges`, `maxTextSize` in its config schema). */
export const MERMAID_LIMITS: DiagramLimits = { maxEdges: 500, maxTextSize: 50_000 };

export interface TopologyOptions {
  mediators: MediatorMode;
  limits?: DiagramLimits;
}

/** Systems drawn together: one declared domain, one owner, or those with neither. */
export interface SystemGroup {
  key: string;
  kind: 'domain' | 'owner' | 'none';
  /** The domain or owner as written in the blueprint ('' for `none`). */
  name: string;
  systems: System[];
}

/** One diagram of a group (or of one part of a group too big for one). */
export interface GroupPart {
  group: SystemGroup;
  /** 1-based; `of` is 1 when the group fits one diagram. */
  index: number;
  of: number;
  systems: System[];
  /** Flows with at least one end among `systems`. */
  flows: number;
  /** Undefined when even this part is past the limits (one system with too many neighbours). */
  diagram: Diagram | undefined;
}

/** Flows from one cluster of the overview to another (or within one: `from === to`). */
export interface ClusterFlows {
  from: Cluster;
  to: Cluster;
  flows: Flow[];
}

/** A box of the overview: a group, or a part of the only group. */
export interface Cluster {
  key: string;
  title: string;
  systems: readonly System[];
}

export type Topology =
  | { kind: 'whole'; diagram: Diagram; undrawn: Flow[] }
  | {
      kind: 'split';
      /** The one diagram that does not fit: its arrows and characters. */
      whole: { edges: number; characters: number };
      limits: DiagramLimits;
      /** What the overview's boxes are: the groups, or the parts of the only group. */
      clusters: 'groups' | 'parts';
      /** The overview, or undefined when it is past the limits too (then `between` is its table). */
      overview: Diagram | undefined;
      between: ClusterFlows[];
      parts: GroupPart[];
      undrawn: Flow[];
    };

export function buildTopology(model: BlueprintModel, options: TopologyOptions): Topology {
  const limits = options.limits ?? MERMAID_LIMITS;
  const systems = new Map(model.systems.map((s) => [s.id, s]));
  const drawable = model.flows.filter((f) => systems.has(f.from) && systems.has(f.to));
  const undrawn = model.flows.filter((f) => !systems.has(f.from) || !systems.has(f.to));
  const components = new Map(model.components.map((c) => [c.id, c]));
  const whole = drawFlows({
    systems: model.systems,
    flows: drawable,
    place: (id) => placeSystem(systems.get(id)),
    mediators: options.mediators,
    components,
  });
  if (fits(whole, limits)) return { kind: 'whole', diagram: whole, undrawn };

  const context: Context = {
    limits,
    mediators: options.mediators,
    components,
    systems,
    index: indexFlows(drawable),
  };
  const groups = groupSystems(model.systems);
  const parts = groups.flatMap((group) => partition(group, groups, context));
  const clusters = groups.length > 1 ? 'groups' : 'parts';
  const clusterOf = new Map<string, Cluster>();
  const list: Cluster[] =
    clusters === 'groups'
      ? groups.map((g) => ({ key: g.key, title: groupTitle(g), systems: g.systems }))
      : parts.map((p) => ({ key: partKey(p), title: partTitle(p), systems: p.systems }));
  for (const cluster of list) for (const s of cluster.systems) clusterOf.set(s.id, cluster);
  const between = flowsBetween(drawable, clusterOf);
  const overview = drawOverview(list, between);
  return {
    kind: 'split',
    whole: { edges: whole.edges, characters: whole.source.length },
    limits,
    clusters,
    overview: fits(overview, limits) ? overview : undefined,
    between,
    parts,
    undrawn,
  };
}

function fits(diagram: Diagram, limits: DiagramLimits): boolean {
  return diagram.edges <= limits.maxEdges && diagram.source.length <= limits.maxTextSize;
}

const placeSystem = (system: System | undefined): Place | undefined => system && { kind: 'system', system };

/** Groups in a stable order: domains, then owners, then systems with neither, each by name. */
export function groupSystems(systems: readonly System[]): SystemGroup[] {
  const groups = new Map<string, SystemGroup>();
  for (const system of systems) {
    const [kind, name] = system.domain
      ? (['domain', system.domain] as const)
      : system.owner
        ? (['owner', system.owner] as const)
        : (['none', ''] as const);
    const key = `${kind}:${name}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, kind, name, systems: [] }));
    group.systems.push(system);
  }
  const rank = { domain: 0, owner: 1, none: 2 };
  return [...groups.values()].sort((a, b) => rank[a.kind] - rank[b.kind] || compare(a.name, b.name));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The words for a group in its box and headings: the domain or owner, else what it gathers. */
export function groupTitle(group: SystemGroup): string {
  return group.kind === 'none' ? 'No domain or owner' : group.name;
}

export function groupKindLabel(group: SystemGroup): string {
  return group.kind === 'none' ? 'systems' : group.kind;
}

interface Context {
  limits: DiagramLimits;
  mediators: MediatorMode;
  components: ReadonlyMap<string, Component>;
  systems: ReadonlyMap<string, System>;
  index: FlowIndex;
}

interface FlowIndex {
  /** Flows by either end's system id (a flow from a system to itself once). */
  bySystem: Map<string, Flow[]>;
}

function indexFlows(flows: readonly Flow[]): FlowIndex {
  const bySystem = new Map<string, Flow[]>();
  const add = (id: string, flow: Flow) => {
    const list = bySystem.get(id);
    if (list) list.push(flow);
    else bySystem.set(id, [flow]);
  };
  for (const flow of flows) {
    add(flow.from, flow);
    if (flow.to !== flow.from) add(flow.to, flow);
  }
  return { bySystem };
}

/**
 * A group as few diagrams as fit: its systems in an order that keeps neighbours together, then every
 * slice that does not fit cut along that order into as many pieces as it is times over the limits
 * (at least two), until all fit (or a slice is one system). Only the slices past the limits are cut,
 * so one hub with hundreds of neighbours ends up alone in its diagram while the quiet rest of its
 * group stays together.
 */
function partition(group: SystemGroup, groups: readonly SystemGroup[], context: Context): GroupPart[] {
  const groupOf = new Map<string, SystemGroup>();
  for (const g of groups) for (const s of g.systems) groupOf.set(s.id, g);
  const fitting = (p: GroupPart) => p.diagram !== undefined && fits(p.diagram, context.limits);
  let slices: System[][] = [neighbourOrder(group, context.index)];
  for (;;) {
    const sliceOf = new Map<string, number>();
    slices.forEach((s, i) => s.forEach((system) => sliceOf.set(system.id, i)));
    const parts = slices.map((_, i) => drawPart({ group, slices, sliceOf, groupOf }, i, context));
    const cut = slices.flatMap((s, i) =>
      fitting(parts[i]!) || s.length === 1 ? [s] : pieces(s, overLimits(parts[i]!.diagram!, context.limits)),
    );
    if (cut.length === slices.length)
      return parts.map((p) => (fitting(p) ? p : { ...p, diagram: undefined }));
    slices = cut;
  }
}

/** How many times a diagram is past the limits: 2 for twice the arrows (or characters) allowed. */
function overLimits(diagram: Diagram, limits: DiagramLimits): number {
  return Math.max(diagram.edges / limits.maxEdges, diagram.source.length / limits.maxTextSize);
}

/** `items` cut into `ceil(times)` runs of equal length (at least two, at most one item each). */
function pieces<T>(items: readonly T[], times: number): T[][] {
  const n = Math.min(items.length, Math.max(2, Math.ceil(times)));
  const size = Math.ceil(items.length / n);
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}

interface Slicing {
  group: SystemGroup;
  slices: readonly System[][];
  /** Slice index of each system of the group. */
  sliceOf: ReadonlyMap<string, number>;
  groupOf: ReadonlyMap<string, SystemGroup>;
}

/** Slice `index` of a group: its systems as themselves, other slices and other groups as one box each. */
function drawPart(slicing: Slicing, index: number, context: Context): GroupPart {
  const { group, slices, sliceOf, groupOf } = slicing;
  const systems = slices[index]!;
  const seen = new Set<Flow>();
  const flows: Flow[] = [];
  for (const system of systems) {
    for (const flow of context.index.bySystem.get(system.id) ?? []) {
      if (seen.has(flow)) continue;
      seen.add(flow);
      flows.push(flow);
    }
  }
  const part = { group, index: index + 1, of: slices.length, systems, flows: flows.length };
  const place = (id: string): Place | undefined => {
    const other = groupOf.get(id);
    if (!other) return undefined;
    if (other !== group) {
      return { kind: 'group', key: other.key, title: groupTitle(other), detail: countLabel(other) };
    }
    const i = sliceOf.get(id)!;
    if (i === index) return { kind: 'system', system: context.systems.get(id)! };
    const sibling = { group, index: i + 1, of: slices.length };
    const n = slices[i]!.length;
    return {
      kind: 'group',
      key: partKey(sibling),
      title: partTitle(sibling),
      detail: `${n} system${n === 1 ? '' : 's'}`,
    };
  };
  const diagram = drawFlows({
    systems,
    flows,
    place,
    mediators: context.mediators,
    components: context.components,
  });
  return { ...part, diagram };
}

function countLabel(group: SystemGroup): string {
  const n = group.systems.length;
  return `${groupKindLabel(group)} · ${n} system${n === 1 ? '' : 's'}`;
}

const partKey = (part: { group: SystemGroup; index: number }) => `${part.group.key}#${part.index}`;

export function partTitle(part: { group: SystemGroup; index: number; of: number }): string {
  return part.of === 1
    ? groupTitle(part.group)
    : `${groupTitle(part.group)} (part ${part.index} of ${part.of})`;
}

/**
 * Breadth-first from the system with the most flows inside the group, along those flows (either
 * direction); systems the walk cannot reach start walks of their own, in blueprint order.
 */
function neighbourOrder(group: SystemGroup, index: FlowIndex): System[] {
  const members = new Map(group.systems.map((s) => [s.id, s]));
  const inside = new Map(
    group.systems.map((s) => [
      s.id,
      (index.bySystem.get(s.id) ?? []).filter((f) => members.has(f.from) && members.has(f.to)),
    ]),
  );
  const starts = [...group.systems].sort((a, b) => inside.get(b.id)!.length - inside.get(a.id)!.length);
  const visited = new Set<string>();
  const order: System[] = [];
  for (const start of starts) {
    if (visited.has(start.id)) continue;
    visited.add(start.id);
    const queue = [start];
    for (let next = 0; next < queue.length; next++) {
      const system = queue[next]!;
      order.push(system);
      for (const flow of inside.get(system.id)!) {
        for (const id of [flow.from, flow.to]) {
          if (visited.has(id)) continue;
          visited.add(id);
          queue.push(members.get(id)!);
        }
      }
    }
  }
  return order;
}

function flowsBetween(flows: readonly Flow[], clusterOf: ReadonlyMap<string, Cluster>): ClusterFlows[] {
  const pairs = new Map<string, ClusterFlows>();
  for (const flow of flows) {
    const from = clusterOf.get(flow.from)!;
    const to = clusterOf.get(flow.to)!;
    const key = `${from.key}>${to.key}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { from, to, flows: [] }));
    pair.flows.push(flow);
  }
  return [...pairs.values()];
}

/** One box per cluster (with its systems and the flows inside it), one arrow per pair with a count. */
function drawOverview(clusters: readonly Cluster[], between: readonly ClusterFlows[]): Diagram {
  const chart = new Flowchart();
  const inside = new Map(between.filter((p) => p.from === p.to).map((p) => [p.from.key, p.flows.length]));
  const ids = new Map(
    clusters.map((c) => {
      const n = c.systems.length;
      const detail = `${n} system${n === 1 ? '' : 's'} · ${inside.get(c.key) ?? 0} flows inside`;
      return [c.key, chart.group(c.key, c.title, detail)];
    }),
  );
  let mixed = false;
  for (const pair of between) {
    if (pair.from === pair.to) continue;
    const patterns = new Set(pair.flows.map((f) => f.pattern));
    mixed ||= patterns.size > 1;
    const style = patterns.size > 1 ? MIXED_PATTERNS : patternStyle(pair.flows[0]!.pattern);
    const n = pair.flows.length;
    chart.edge(ids.get(pair.from.key)!, ids.get(pair.to.key)!, style, `${n} flow${n === 1 ? '' : 's'}`);
  }
  const single = between.filter((p) => p.from !== p.to && new Set(p.flows.map((f) => f.pattern)).size === 1);
  return chart.finish(
    legendFor(
      single.map((p) => p.flows[0]!.pattern),
      mixed,
    ),
  );
}
