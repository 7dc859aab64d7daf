/**
 * The topology as inference builds it: the elements found so far, keyed so that the catalog and the
 * contract documents describing one thing meet on one element, and the findings about the sources.
 */
import type { Finding } from '../../core/finding.js';
import { IdAllocator, toId } from '../ids.js';
import type {
  Evidence,
  InferredComponent,
  InferredContract,
  InferredFlow,
  InferredSystem,
} from '../types.js';

export class TopologyDraft {
  readonly findings: Finding[] = [];
  /** By id. */
  readonly systems = new Map<string, InferredSystem>();
  /** By id. */
  readonly components = new Map<string, InferredComponent>();
  /** By repository path of the document. */
  readonly contracts = new Map<string, InferredContract>();
  readonly contractIds = new IdAllocator();
  /** Contract path → the system that provides it, where the catalog says so. */
  readonly catalogProviders = new Map<string, string>();
  /** By sender, receiver and channel (or contract). */
  private readonly flowsByKey = new Map<string, InferredFlow>();
  private readonly flowIds = new IdAllocator();
  /** Pairs of systems some flow connects, either way: `dependsOn` adds a flow only between others. */
  private readonly connectedPairs = new Set<string>();

  get flows(): InferredFlow[] {
    return [...this.flowsByKey.values()];
  }

  addConsumer(path: string, system: string, evidence: Evidence): void {
    const contract = this.contracts.get(path);
    if (!contract || contract.provider === system || contract.consumers.has(system)) return;
    contract.consumers.set(system, evidence);
  }

  /** One flow per sender, receiver and channel (or contract): the catalog and the documents agree. */
  addFlow(flow: Omit<InferredFlow, 'id'>): void {
    const key = [flow.from, flow.to, flow.via ?? flow.contract?.path ?? ''].join('\0');
    if (this.flowsByKey.has(key)) return;
    const base = `${flow.from}-to-${flow.to}`;
    const suffix = toId(flow.contract?.channel ?? stem(flow.contract?.path ?? ''), 'flow');
    const id = this.flowIds.has(base) ? this.flowIds.claim(`${base}-${suffix}`) : this.flowIds.claim(base);
    this.flowsByKey.set(key, { id, ...flow });
    this.connectedPairs.add(pairKey(flow.from, flow.to));
  }

  /** Whether some flow goes between the two systems, in either direction. */
  connects(a: string, b: string): boolean {
    return this.connectedPairs.has(pairKey(a, b));
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

/** The file's name without its extension (`contracts/orders.yaml` → `orders`). */
export function stem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
}
