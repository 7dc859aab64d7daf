/**
 * Lookups over a blueprint model, built once by `buildModel`, so resolving a reference costs a map
 * lookup instead of a scan: a blueprint of 1,000 flows asked "which flows serve this requirement?"
 * once per requirement was a million comparisons. Each lookup answers exactly what the scan it
 * replaces answered: the first element with an id (duplicates are reported by a rule, and the first
 * one is what everything else resolves to), and flow lists in the model's order.
 */
import { dirname, resolveRepoPath } from '../core/paths.js';
import { adrIdFromPath } from '../load/madr.js';
import type {
  Adr,
  BlueprintModel,
  ContractChannel,
  ContractDocument,
  ContractOperation,
  ContractTarget,
  ElementIndex,
  Flow,
  ModelIndex,
} from './types.js';

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
  return {
    ...elements,
    flows: firstById(flows),
    flowsByRequirement,
    flowsByContract,
    flowsTo,
    contractTarget: contractTargets(flows),
  };
}

/**
 * Each flow's contract target, found on the first question for every flow at once (contract
 * documents are attached after the model is built, load-blueprint.ts) and kept with the model:
 * several rules ask about every flow, and the answers sit together in memory instead of behind each
 * flow's contract document.
 */
function contractTargets(flows: readonly Flow[]): (flow: Flow) => ContractTarget | undefined {
  let targets: Map<Flow, ContractTarget> | undefined;
  const find = (flow: Flow, lookupsOf: (document: ContractDocument) => ContractLookups) => {
    const document = flow.resolved.contract?.document;
    if (!document) return undefined;
    const { operation, channel } = flow.contract ?? {};
    const lookups = lookupsOf(document);
    return {
      document,
      kind: document.kind,
      operation: typeof operation === 'string' ? lookups.operation(operation) : undefined,
      channel: typeof channel === 'string' ? lookups.channel(channel) : undefined,
    };
  };
  return (flow) => {
    if (!targets) {
      const documents = new Map<ContractDocument, ContractLookups>();
      const lookupsOf = (document: ContractDocument) => {
        let found = documents.get(document);
        if (!found) documents.set(document, (found = contractLookups(document)));
        return found;
      };
      targets = new Map();
      for (const each of flows) {
        const target = find(each, lookupsOf);
        if (target) targets.set(each, target);
      }
    }
    // A flow without a target now: its contract has no document (or the question came early).
    return targets.get(flow) ?? find(flow, contractLookups);
  };
}

interface ContractLookups {
  operation(name: string): ContractOperation | undefined;
  channel(name: string): ContractChannel | undefined;
}

/**
 * A document's operations by id and by lower-case `METHOD /path`, its channels by id and by address.
 * A name may match one element by one key and an earlier one by the other: the earlier one wins, as
 * in a scan of the document's order.
 */
function contractLookups(document: ContractDocument): ContractLookups {
  // Ids are spaced as a flow's reference is (`operation` below): an id holding a line break or a
  // double space could not be found by the reference that copies it.
  const operationsById = firstPosition(document.operations, (o) => [spaced(o.id)]);
  const operationsByKey = firstPosition(document.operations, (o) => [o.key.toLowerCase()]);
  const channels = firstPosition(document.channels, (c) =>
    c.address === undefined ? [c.id] : [c.id, c.address],
  );
  return {
    operation(name) {
      const normalised = spaced(name);
      const at = earliest(operationsById.get(normalised), operationsByKey.get(normalised.toLowerCase()));
      return at === undefined ? undefined : document.operations[at];
    },
    channel(name) {
      const at = channels.get(name);
      return at === undefined ? undefined : document.channels[at];
    },
  };
}

/** `name` trimmed, each run of white space one space. */
function spaced(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Each key's first position in `elements`. */
function firstPosition<T>(elements: readonly T[], keys: (element: T) => string[]): Map<string, number> {
  const map = new Map<string, number>();
  elements.forEach((element, i) => {
    for (const key of keys(element)) if (!map.has(key)) map.set(key, i);
  });
  return map;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/**
 * Each id's first element: what every reference resolves to (a later one is a duplicate, reported by
 * topology/duplicate-id). Whatever pairs or compares elements by id reads them through this, so a
 * second declaration of an id can never stand in for the first.
 */
export function firstById<T extends { id: string }>(elements: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const element of elements) if (!map.has(element.id)) map.set(element.id, element);
  return map;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
