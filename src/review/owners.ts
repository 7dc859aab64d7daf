/**
 * Who owns what a pull request changes — the one derivation the review (its "owners affected") and
 * the sign-off gate (whom it asks) both read. Ownership comes from the blueprint at the **base**: a
 * pull request cannot re-assign ownership of what it changes. Elements that exist only at head have
 * no owner; the sign-off config decides who approves additions.
 */
import { idText } from '../core/inert-text.js';
import type { BlueprintModel, ContractEntry, Flow } from '../model/types.js';
import type {
  AffectedOwner,
  ContractReview,
  FlowSummary,
  OwnerReason,
  OwnerRef,
  TouchedSystem,
} from './types.js';

/** A system's owner at the base; a system without one falls back to the blueprint's owner. */
export function systemOwner(base: BlueprintModel | undefined, systemId: string): OwnerRef {
  return { ...systemOwnerRef(base, systemId), subject: `system:${systemId}` };
}

function systemOwnerRef(base: BlueprintModel | undefined, systemId: string): OwnerRef {
  const system = base?.index.systems.get(systemId);
  if (!system) return { role: `system ${idText(systemId)} (not in the base blueprint)`, owner: undefined };
  if (system.owner) return { role: `system ${idText(systemId)}`, owner: system.owner };
  return base?.owner
    ? { role: `system ${idText(systemId)} (no owner; the blueprint's owner)`, owner: base.owner }
    : { role: `system ${idText(systemId)} (no owner in the base blueprint)`, owner: undefined };
}

/** A contract's owner at the base; without one, its provider's owner, then the blueprint's owner. */
export function contractOwner(base: BlueprintModel | undefined, contractId: string): OwnerRef {
  return { ...contractOwnerRef(base, contractId), subject: `contract:${contractId}` };
}

function contractOwnerRef(base: BlueprintModel | undefined, contractId: string): OwnerRef {
  const entry = base?.index.contracts.get(contractId);
  if (!entry) return { role: `contract ${idText(contractId)} (new)`, owner: undefined };
  if (entry.owner) return { role: `contract ${idText(contractId)}`, owner: entry.owner };
  if (entry.provider) {
    const provider = systemOwner(base, entry.provider);
    if (provider.owner)
      return {
        role: `contract ${idText(contractId)} (no owner; its provider ${idText(entry.provider)})`,
        owner: provider.owner,
      };
  }
  return base?.owner
    ? { role: `contract ${idText(contractId)} (no owner; the blueprint's owner)`, owner: base.owner }
    : { role: `contract ${idText(contractId)} (no owner in the base blueprint)`, owner: undefined };
}

/** Owners of every system that consumes the contract at the base: listed consumers and flow ends. */
export function consumerOwners(base: BlueprintModel | undefined, contractId: string): OwnerRef[] {
  const entry = base?.index.contracts.get(contractId);
  if (!base || !entry) return [];
  return consumersOf(entry, base).map((system) => ({
    role: `consumer ${idText(system)} of ${idText(contractId)}`,
    owner: systemOwner(base, system).owner,
    subject: `system:${system}`,
  }));
}

/**
 * The systems that depend on a contract: the ones it lists, and the consuming end of every flow over
 * it in `model` (the flows found by the model's index, not by a scan per contract).
 */
export function consumersOf(entry: ContractEntry, model: BlueprintModel | undefined): string[] {
  const out = new Set(entry.consumers);
  for (const flow of model?.index.flowsByContract.get(entry.id) ?? []) {
    const consumer = consumingEnd(flow, entry.provider);
    if (consumer && consumer !== entry.provider) out.add(consumer);
  }
  return [...out].sort();
}

/**
 * The end of a flow that depends on the contract: the end that is not its provider; without a
 * provider, the caller of a request or the reader of an event, stream or batch.
 */
export function consumingEnd(flow: Flow, provider: string | undefined): string | undefined {
  if (provider === flow.to) return flow.from;
  if (provider === flow.from) return flow.to;
  return flow.pattern === 'request-response' || flow.pattern === undefined ? flow.from : flow.to;
}

/** The owners the review names, each with why: the same owners the sign-off gate asks. */
export function affectedOwners(
  base: BlueprintModel | undefined,
  contracts: readonly ContractReview[],
  flows: readonly FlowSummary[],
  systems: readonly TouchedSystem[],
): AffectedOwner[] {
  if (!base) return [];
  const byOwner = new Map<string, OwnerReason[]>();
  const add = (owner: string | undefined, reason: OwnerReason) => {
    if (!owner) return;
    const reasons = byOwner.get(owner) ?? [];
    if (!reasons.some((r) => sameReason(r, reason))) reasons.push(reason);
    byOwner.set(owner, reasons);
  };
  const ownerOf = (system: string) => systemOwner(base, system).owner;

  for (const review of contracts) {
    const entry = base.index.contracts.get(review.id);
    if (!entry) continue;
    const breaking = review.changes.some((f) => f.severity === 'error');
    add(contractOwner(base, entry.id).owner, { kind: 'contract-owner', contract: entry.id });
    if (entry.provider)
      add(ownerOf(entry.provider), { kind: 'contract-provider', contract: entry.id, system: entry.provider });
    for (const consumer of consumersOf(entry, base))
      add(ownerOf(consumer), { kind: 'contract-consumer', contract: entry.id, system: consumer, breaking });
  }
  for (const system of systems) {
    if (system.change === 'modified' || system.change === 'removed')
      add(ownerOf(system.id), { kind: 'system-owner', system: system.id });
  }
  for (const flow of flows) {
    if (!flow.change) continue;
    // A flow's ends as the base knows them; an added flow's ends that already exist at the base.
    const atBase = base.index.flows.get(flow.id) ?? flow;
    for (const system of new Set([atBase.from, atBase.to]))
      if (base.index.systems.has(system))
        add(ownerOf(system), { kind: 'flow-endpoint', flow: flow.id, system });
  }
  return [...byOwner.entries()]
    .map(([owner, reasons]) => ({ owner, reasons }))
    .sort((a, b) => a.owner.localeCompare(b.owner));
}

function sameReason(a: OwnerReason, b: OwnerReason): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
