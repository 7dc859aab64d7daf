/**
 * Who is affected by a pull request, read from the blueprint at the **base**: a pull request cannot
 * re-assign ownership of what it changes. Elements that exist only at head have no owner here; they
 * are listed as additions and the sign-off config decides who approves them.
 */
import type { BlueprintModel } from '../model/types.js';
import type { AffectedOwner, ContractReview, FlowSummary, OwnerReason, TouchedSystem } from './types.js';

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
  const systemOwner = (id: string) => base.systems.find((s) => s.id === id)?.owner;

  for (const review of contracts) {
    const entry = base.contracts.find((c) => c.id === review.id);
    if (!entry) continue;
    const breaking = review.changes.some((f) => f.severity === 'error');
    add(entry.owner, { kind: 'contract-owner', contract: entry.id });
    if (entry.provider)
      add(systemOwner(entry.provider), {
        kind: 'contract-provider',
        contract: entry.id,
        system: entry.provider,
      });
    for (const consumer of entry.consumers)
      add(systemOwner(consumer), {
        kind: 'contract-consumer',
        contract: entry.id,
        system: consumer,
        breaking,
      });
  }
  for (const system of systems) {
    if (system.change === 'modified' || system.change === 'removed')
      add(systemOwner(system.id), { kind: 'system-owner', system: system.id });
  }
  for (const flow of flows) {
    if (!flow.change || flow.change === 'added') continue;
    const atBase = base.flows.find((f) => f.id === flow.id);
    if (!atBase) continue;
    for (const system of [atBase.from, atBase.to])
      add(systemOwner(system), { kind: 'flow-endpoint', flow: flow.id, system });
  }
  return [...byOwner.entries()]
    .map(([owner, reasons]) => ({ owner, reasons }))
    .sort((a, b) => a.owner.localeCompare(b.owner));
}

function sameReason(a: OwnerReason, b: OwnerReason): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
