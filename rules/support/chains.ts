/** Chains of synchronous calls: A calls B (flow F), and while serving it B calls C (flow G). */
import type { BlueprintModel, Flow } from '../../src/model/types.js';
import { isSync } from './policies.js';

/**
 * The synchronous flows into the system that `flow` calls from: the calls `flow` may be serving.
 * The blueprint does not say which inbound call triggers which outbound one, so every inbound
 * synchronous flow counts — the conservative reading a reviewer would take.
 */
export function syncCallersOf(model: BlueprintModel, flow: Flow): Flow[] {
  if (!isSync(flow)) return [];
  const inbound = model.index.flowsTo.get(flow.from) ?? [];
  return inbound.filter((f) => f !== flow && isSync(f) && f.from !== flow.to);
}
