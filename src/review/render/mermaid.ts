/**
 * A Mermaid flowchart of the flows a pull request touches, with the flows around them for context.
 * Changed flows are drawn thick and red, removed ones dashed; systems they connect are outlined.
 */
import { mermaidLabel as label } from '../../core/inert-markup.js';
import type { FlowSummary } from '../types.js';

const MAX_CONTEXT_FLOWS = 30;
const MAX_SLUG_CHARS = 40;

export function touchedFlowsDiagram(flows: readonly FlowSummary[]): string | undefined {
  const touched = flows.filter((f) => f.change !== undefined);
  if (touched.length === 0) return undefined;
  const touchedSystems = new Set(touched.flatMap((f) => [f.from, f.to]));
  const context = flows
    .filter((f) => f.change === undefined && (touchedSystems.has(f.from) || touchedSystems.has(f.to)))
    .slice(0, MAX_CONTEXT_FLOWS);
  const drawn = [...touched, ...context];

  const nodeIds = new Map<string, string>();
  const nodeId = (system: string) => {
    let id = nodeIds.get(system);
    if (!id) {
      // The number makes it unique; the slug only helps a reader of the source, so it is kept short
      // (a system id can be any length, and the node id is repeated on every edge and class line).
      id = `s${nodeIds.size}_${system.slice(0, MAX_SLUG_CHARS).replace(/[^A-Za-z0-9_]/g, '_')}`;
      nodeIds.set(system, id);
    }
    return id;
  };
  const lines = ['flowchart LR'];
  const systems = [...new Set(drawn.flatMap((f) => [f.from, f.to]))].filter((s) => s !== '');
  for (const system of systems) lines.push(`  ${nodeId(system)}["${label(system)}"]`);
  const highlighted: number[] = [];
  let edges = 0;
  for (const flow of drawn) {
    if (flow.from === '' || flow.to === '') continue;
    const index = edges++;
    const arrow = flow.change === 'removed' ? '-.->' : '-->';
    const text = [flow.id, flow.pattern, flow.change && describeChange(flow.change)]
      .filter(Boolean)
      .join(' · ');
    lines.push(`  ${nodeId(flow.from)} ${arrow}|"${label(text)}"| ${nodeId(flow.to)}`);
    if (flow.change !== undefined) highlighted.push(index);
  }
  lines.push('  classDef touched stroke:#d73a49,stroke-width:2px');
  const touchedNodes = systems.filter((s) => touchedSystems.has(s)).map(nodeId);
  if (touchedNodes.length > 0) lines.push(`  class ${touchedNodes.join(',')} touched`);
  if (highlighted.length > 0)
    lines.push(`  linkStyle ${highlighted.join(',')} stroke:#d73a49,stroke-width:3px`);
  return lines.join('\n');
}

function describeChange(change: NonNullable<FlowSummary['change']>): string {
  switch (change) {
    case 'contract-changed':
      return 'contract changed';
    case 'policy-changed':
      return 'policy changed';
    default:
      return change;
  }
}
