/**
 * The topology as a Mermaid flowchart: one node per system, one arrow per flow, arrows coloured and
 * drawn by communication pattern. Every label comes from the blueprint (untrusted), so it is reduced
 * to Mermaid entity codes before it goes inside quotes.
 */
import { mermaidLabel } from '../core/inert-text.js';
import type { BlueprintModel, Flow } from '../model/types.js';
import type { LegendEntry } from './outline.js';

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

export function patternStyle(pattern: string | undefined): PatternStyle {
  return (
    (pattern !== undefined && Object.hasOwn(PATTERN_STYLES, pattern) && PATTERN_STYLES[pattern]) ||
    UNKNOWN_PATTERN
  );
}

export interface Topology {
  source: string;
  legend: LegendEntry[];
  /** Number of system nodes drawn (one per system). */
  nodes: number;
  /** Flows not drawn because an end names no known system. */
  undrawn: Flow[];
}

export function buildTopology(model: BlueprintModel): Topology {
  const nodeId = new Map(model.systems.map((s, i) => [s.id, `sys${i}`]));
  const lines = ['flowchart LR'];
  for (const system of model.systems) {
    const name = system.name ?? system.id;
    const second = [system.name ? system.id : undefined, system.owner].filter(Boolean).join(' · ');
    const label = second
      ? `<b>${mermaidLabel(name)}</b><br/><small>${mermaidLabel(second)}</small>`
      : `<b>${mermaidLabel(name)}</b>`;
    // Rounded boxes: `(" … ")`.
    lines.push(`  ${nodeId.get(system.id)}("${label}"):::${system.external ? 'external' : 'internal'}`);
  }
  const drawn: Flow[] = [];
  const undrawn: Flow[] = [];
  for (const flow of model.flows) {
    const from = nodeId.get(flow.from);
    const to = nodeId.get(flow.to);
    if (!from || !to) {
      undrawn.push(flow);
      continue;
    }
    const style = patternStyle(flow.pattern);
    const label = flow.via
      ? `${mermaidLabel(flow.id)}<br/><small>via ${mermaidLabel(flow.via)}</small>`
      : mermaidLabel(flow.id);
    lines.push(`  ${from} ${style.arrow}|"${label}"| ${to}`);
    drawn.push(flow);
  }
  lines.push('  classDef internal fill:#eef2ff,stroke:#4f46e5,stroke-width:1.5px,color:#1e1b4b');
  lines.push(
    '  classDef external fill:#f8fafc,stroke:#64748b,stroke-width:1.5px,stroke-dasharray:5 3,color:#334155',
  );
  const byStyle = new Map<PatternStyle, number[]>();
  drawn.forEach((flow, index) => {
    const style = patternStyle(flow.pattern);
    byStyle.set(style, [...(byStyle.get(style) ?? []), index]);
  });
  for (const [style, indexes] of byStyle) {
    lines.push(
      `  linkStyle ${indexes.join(',')} stroke:${style.color},stroke-width:${style.width}px,color:${style.color}`,
    );
  }
  return { source: lines.join('\n') + '\n', legend: legendFor(drawn), nodes: model.systems.length, undrawn };
}

function legendFor(flows: readonly Flow[]): LegendEntry[] {
  const used = new Set(flows.map((f) => f.pattern ?? 'unspecified'));
  const entries: LegendEntry[] = [];
  for (const [pattern, style] of Object.entries(PATTERN_STYLES)) {
    if (used.has(pattern)) entries.push({ label: pattern, color: style.color, line: style.line });
  }
  if ([...used].some((p) => !Object.hasOwn(PATTERN_STYLES, p))) {
    entries.push({ label: 'pattern not stated', color: UNKNOWN_PATTERN.color, line: UNKNOWN_PATTERN.line });
  }
  return entries;
}
