/**
 * Lookups over a blueprint model, built once by `buildModel`, so resolving a reference costs a map
 * lookup instead of a scan: a blueprint of 1,000 flows asked "which flows serve this requirement?"
 * once per requirement was a million comparisons. Each lookup answers exactly what the scan it
 * replaces answered: the first element with an id (duplicates are reported by a rule, and the first
 * one is what everything else resolves to), and flow lists in the model's order.
 */
import { dirname, resolveRepoPath } from '../core/paths.js';
import { adrIdFromPath } from '../load/madr.js';
import type { Adr, BlueprintModel, ElementIndex, Flow, ModelIndex } from './types.js';

type Elements = Pick<
  BlueprintModel,
  | 'systems'
  | 'components'
  | 'contracts'
  | 'requirements'
  | 'errorHandlingPolicies'
  | 'securityPolicies'
  | 'adrs'
>;

export function indexElements(model: Elements): ElementIndex {
  const byFile = new Map<string, Adr>();
  const byName = new Map<string, Adr>();
  // An ADR answers to its id and to each prefix ending before a dash ("0001" for "0001-use-kafka").
  for (const adr of model.adrs) {
    if (!byFile.has(adr.file)) byFile.set(adr.file, adr);
    for (let i = adr.id.indexOf('-'); i >= 0; i = adr.id.indexOf('-', i + 1)) {
      const prefix = adr.id.slice(0, i);
      if (!byName.has(prefix)) byName.set(prefix, adr);
    }
    if (!byName.has(adr.id)) byName.set(adr.id, adr);
  }
  return {
    systems: firstById(model.systems),
    components: firstById(model.components),
    contracts: firstById(model.contracts),
    requirements: firstById(model.requirements),
    errorHandlingPolicies: firstById(model.errorHandlingPolicies),
    securityPolicies: firstById(model.securityPolicies),
    adr(fromFile, decision) {
      const resolved = resolveRepoPath(dirname(fromFile), decision);
      const byPath = resolved.kind === 'ok' ? byFile.get(resolved.path) : undefined;
      return byPath ?? byName.get(adrIdFromPath(decision));
    },
  };
}

/** The element lookups plus the flow lookups, once the flows are built. */
export function indexModel(elements: ElementIndex, flows: readonly Flow[]): ModelIndex {
  const flowsByRequirement = new Map<string, Flow[]>();
  const flowsByContract = new Map<string, Flow[]>();
  const flowsTo = new Map<string, Flow[]>();
  for (const flow of flows) {
    for (const id of new Set(flow.requirements)) append(flowsByRequirement, id, flow);
    if (flow.contract) append(flowsByContract, flow.contract.ref, flow);
    append(flowsTo, flow.to, flow);
  }
  return { ...elements, flowsByRequirement, flowsByContract, flowsTo };
}

function firstById<T extends { id: string }>(elements: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const element of elements) if (!map.has(element.id)) map.set(element.id, element);
  return map;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
