/**
 * The flows and systems a pull request touches, and the elements it adds. A flow is touched when it
 * is added, removed or edited, or when something it relies on changes: its contract's document or
 * entry, or a named error-handling or security policy it uses.
 */
import { firstById } from '../model/model-index.js';
import type { BlueprintModel, Flow } from '../model/types.js';
import { canonical, pairElements, writtenValue } from './element-diff.js';
import type { ContractPair } from './contract-changes.js';
import type { Addition, FlowChange, FlowSummary, TouchedSystem } from './types.js';

export interface Touched {
  flows: FlowSummary[];
  systems: TouchedSystem[];
  additions: Addition[];
}

export function touchedElements(
  blueprint: string,
  base: BlueprintModel | undefined,
  head: BlueprintModel | undefined,
  contracts: readonly ContractPair[],
): Touched {
  const changedContracts = new Set(contracts.map((c) => c.id));
  const changedPolicies = changedPolicyIds(base, head);
  const flows: FlowSummary[] = pairElements(
    base && { model: base, items: base.flows },
    head && { model: head, items: head.flows },
  ).map((pair) => {
    const flow = (pair.head ?? pair.base)!;
    const summary: FlowSummary = { id: flow.id, blueprint, from: flow.from, to: flow.to };
    if (flow.pattern !== undefined) summary.pattern = flow.pattern;
    const change: FlowChange | undefined =
      pair.change ??
      (flow.contract && changedContracts.has(flow.contract.ref)
        ? 'contract-changed'
        : usesChangedPolicy(flow, changedPolicies)
          ? 'policy-changed'
          : undefined);
    if (change) summary.change = change;
    return summary;
  });

  const systems: TouchedSystem[] = [];
  const listed = new Set<string>();
  for (const pair of pairElements(
    base && { model: base, items: base.systems },
    head && { model: head, items: head.systems },
  )) {
    if (!pair.change) continue;
    systems.push({ id: pair.id, blueprint, change: pair.change });
    listed.add(pair.id);
  }
  for (const flow of flows) {
    if (!flow.change) continue;
    for (const id of [flow.from, flow.to]) {
      if (id === '' || listed.has(id)) continue;
      listed.add(id);
      systems.push({ id, blueprint, change: 'flow-endpoint' });
    }
  }
  return { flows, systems, additions: additions(blueprint, base, head) };
}

function changedPolicyIds(base: BlueprintModel | undefined, head: BlueprintModel | undefined): Set<string> {
  const ids = new Set<string>();
  for (const kind of ['errorHandlingPolicies', 'securityPolicies'] as const) {
    // Each id's first declaration, as flows resolve their policies (a later one is a duplicate).
    const written = (model: BlueprintModel | undefined) =>
      new Map(
        [...firstById(model?.[kind] ?? [])].map(([id, p]) => [id, canonical(writtenValue(model!, p.loc))]),
      );
    const before = written(base);
    const after = written(head);
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(id) !== after.get(id)) ids.add(`${kind}:${id}`);
    }
  }
  return ids;
}

function usesChangedPolicy(flow: Flow, changed: ReadonlySet<string>): boolean {
  return (
    (flow.errorHandling?.name !== undefined &&
      changed.has(`errorHandlingPolicies:${flow.errorHandling.name}`)) ||
    (flow.security?.name !== undefined && changed.has(`securityPolicies:${flow.security.name}`))
  );
}

function additions(
  blueprint: string,
  base: BlueprintModel | undefined,
  head: BlueprintModel | undefined,
): Addition[] {
  if (!head) return [];
  if (!base) return [{ kind: 'blueprint', id: head.name, blueprint }];
  const out: Addition[] = [];
  const added = <T extends { id: string }>(
    kind: Addition['kind'],
    before: readonly T[],
    after: readonly T[],
  ) => {
    const known = new Set(before.map((e) => e.id));
    for (const e of after) if (!known.has(e.id)) out.push({ kind, id: e.id, blueprint });
  };
  added('system', base.systems, head.systems);
  added('component', base.components, head.components);
  added('contract', base.contracts, head.contracts);
  added('flow', base.flows, head.flows);
  return out;
}
