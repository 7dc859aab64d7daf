/**
 * Who owns what, read from the BASE blueprint only: a pull request cannot re-assign ownership of what
 * it changes. Elements the PR adds have no base owner; their `owner` is left undefined and the gate
 * asks the config's approvers of additions instead.
 */
import type { BlueprintModel, ContractEntry, Flow } from '../model/types.js';
import type { OwnerRef } from './types.js';

export function systemOwner(base: BlueprintModel | undefined, systemId: string): OwnerRef {
  const system = base?.systems.find((s) => s.id === systemId);
  if (!system) return { role: `system ${systemId} (not in the base blueprint)`, owner: undefined };
  if (system.owner) return { role: `system ${systemId}`, owner: system.owner };
  return base?.owner
    ? { role: `system ${systemId} (no owner; the blueprint's owner)`, owner: base.owner }
    : { role: `system ${systemId} (no owner in the base blueprint)`, owner: undefined };
}

export function contractOwner(base: BlueprintModel | undefined, contractId: string): OwnerRef {
  const entry = base?.contracts.find((c) => c.id === contractId);
  if (!entry) return { role: `contract ${contractId} (new)`, owner: undefined };
  if (entry.owner) return { role: `owner of contract ${contractId}`, owner: entry.owner };
  if (entry.provider) {
    const provider = systemOwner(base, entry.provider);
    if (provider.owner)
      return {
        role: `contract ${contractId} (no owner; its provider ${entry.provider})`,
        owner: provider.owner,
      };
  }
  return base?.owner
    ? { role: `contract ${contractId} (no owner; the blueprint's owner)`, owner: base.owner }
    : { role: `contract ${contractId} (no owner in the base blueprint)`, owner: undefined };
}

/** Owners of every system that consumes the contract at the base: listed consumers and flow ends. */
export function consumerOwners(base: BlueprintModel | undefined, contractId: string): OwnerRef[] {
  const entry = base?.contracts.find((c) => c.id === contractId);
  if (!base || !entry) return [];
  return consumersOf(entry, base.flows).map((system) => {
    const owner = systemOwner(base, system);
    return { role: `consumer ${system} of ${contractId}`, owner: owner.owner };
  });
}

export function consumersOf(entry: ContractEntry, flows: readonly Flow[]): string[] {
  const out = new Set(entry.consumers);
  for (const flow of flows) {
    if (flow.contract?.ref !== entry.id) continue;
    const consumer = consumingEnd(flow, entry.provider);
    if (consumer && consumer !== entry.provider) out.add(consumer);
  }
  return [...out].sort();
}

/** The end of a flow that depends on the contract: the caller of a request, the reader of an event. */
function consumingEnd(flow: Flow, provider: string | undefined): string | undefined {
  if (provider === flow.to) return flow.from;
  if (provider === flow.from) return flow.to;
  return flow.pattern === 'request-response' || flow.pattern === undefined ? flow.from : flow.to;
}
