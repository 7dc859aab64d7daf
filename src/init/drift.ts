/**
 * `init --update`: what the contracts and the catalog say now that the blueprint does not. Each
 * difference is a finding placed where it is said — the catalog entry or contract for something new,
 * the blueprint line for something the sources no longer say — so a CI job can keep the blueprint
 * honest. Only what the sources speak about is compared: a blueprint may know more systems than the
 * catalog (SaaS, partners), and a contract nobody lists consumers for has no removed consumers.
 */
import type { Finding } from '../core/finding.js';
import type { BlueprintModel, ContractEntry, Loc } from '../model/types.js';
import { initFinding } from './evidence.js';
import type { InitRuleId } from './evidence.js';
import type { Evidence, InferredContract, InferredTopology } from './types.js';
import { idText, quoted, token } from '../core/inert-text.js';

export function driftFindings(topology: InferredTopology, model: BlueprintModel): Finding[] {
  const context: DriftContext = {
    topology,
    model,
    at: placeIn(model),
    blueprintFile: `${model.root ? model.root + '/' : ''}blueprint.yaml`,
  };
  const contractPaths = new Map(model.contracts.map((c) => [c.id, c.path]));
  return [
    ...systemDrift(context),
    ...contractsDrift(context),
    ...removedContracts(context),
    ...newFlows(context, contractPaths),
    ...removedFlows(context, contractPaths),
  ];
}

/** Where a finding about the blueprint goes: `path` below the element at `loc`. */
type Placer = (loc: Loc, ...path: (string | number)[]) => Evidence;

/** What each comparison of sources and blueprint reads. */
interface DriftContext {
  topology: InferredTopology;
  model: BlueprintModel;
  at: Placer;
  /** The blueprint's file, as the messages name it. */
  blueprintFile: string;
}

function placeIn(model: BlueprintModel): Placer {
  return (loc, ...path) => {
    const pointer = [loc.pointer, ...path.map(String)].join('/');
    const doc = model.documents.get(loc.file);
    return {
      file: loc.file,
      pointer,
      range: doc?.rangeOf(pointer) ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
  };
}

/** Every drift is an error: the blueprint no longer says what its sources say. */
function drift(ruleId: InitRuleId, message: string, where: Evidence): Finding {
  return initFinding(ruleId, 'error', message, where);
}

/** Systems the sources name that the blueprint lacks, or gives another owner. */
function systemDrift({ topology, model, at, blueprintFile }: DriftContext): Finding[] {
  const findings: Finding[] = [];
  const systems = new Map(model.systems.map((s) => [s.id, s]));
  for (const system of topology.systems) {
    const known = systems.get(system.id);
    if (!known) {
      findings.push(
        drift(
          'drift/new-system',
          `System ${quoted(system.id)} is in the sources but not in ${blueprintFile}: add it to systems.`,
          system.evidence,
        ),
      );
    } else {
      findings.push(
        ...changed(
          'drift/owner-changed',
          `System ${quoted(system.id)} is owned by`,
          'owner',
          system,
          known,
          at,
        ),
      );
    }
  }
  return findings;
}

/** Contracts the sources define: unregistered ones, and what registered ones say otherwise. */
function contractsDrift({ topology, model, at, blueprintFile }: DriftContext): Finding[] {
  const findings: Finding[] = [];
  const registered = new Map<string, ContractEntry>();
  for (const c of model.contracts)
    if (c.path !== undefined && !registered.has(c.path)) registered.set(c.path, c);
  for (const contract of topology.contracts) {
    const entry = registered.get(contract.path);
    if (entry) {
      findings.push(...contractDrift(contract, entry, at));
      continue;
    }
    findings.push(
      drift(
        'drift/new-contract',
        `The sources define contract ${quoted(contract.id)} (${token(contract.path)}), which ${blueprintFile} does not register: add it to contracts.`,
        contract.evidence,
      ),
    );
  }
  return findings;
}

/** Registered contracts the sources no longer define (with how many flows still use each). */
function removedContracts({ topology, model, at }: DriftContext): Finding[] {
  const inferred = new Set(topology.contracts.map((c) => c.path));
  const findings: Finding[] = [];
  for (const entry of model.contracts) {
    if (entry.path === undefined || inferred.has(entry.path)) continue;
    const users = model.flows.filter((f) => f.contract?.ref === entry.id).length;
    findings.push(
      drift(
        'drift/removed-contract',
        `Contract ${quoted(entry.id)} (${token(entry.path)}) is no longer among the contracts or catalog APIs${users > 0 ? `; ${users} flow${users === 1 ? '' : 's'} still use${users === 1 ? 's' : ''} it` : ''}. Remove it, or restore it in the sources.`,
        at(entry.loc),
      ),
    );
  }
  return findings;
}

/** A flow is the same when its ends and its contract's file are (ids may differ). */
function flowKey(from: string, to: string, path: string | undefined): string {
  return `${from}\0${to}\0${path ?? ''}`;
}

/**
 * Flows the sources say that the blueprint lacks: with the same contract file, or between the
 * same two systems when the sources name no contract.
 */
function newFlows(
  { topology, model, blueprintFile }: DriftContext,
  contractPaths: ReadonlyMap<string, string | undefined>,
): Finding[] {
  const flows = new Set(
    model.flows.map((f) => flowKey(f.from, f.to, f.contract && contractPaths.get(f.contract.ref))),
  );
  const pairs = new Set(model.flows.map((f) => `${f.from}\0${f.to}`));
  const findings: Finding[] = [];
  for (const flow of topology.flows) {
    const known = flow.contract
      ? flows.has(flowKey(flow.from, flow.to, flow.contract.path))
      : pairs.has(`${flow.from}\0${flow.to}`);
    if (known) continue;
    findings.push(
      drift(
        'drift/new-flow',
        `The sources say ${flow.from} → ${flow.to}${flow.contract ? ` (${flow.contract.path})` : ''}, a flow ${blueprintFile} does not have: add it to flows.`,
        flow.evidence,
      ),
    );
  }
  return findings;
}

/** Blueprint flows over a contract whose consumers the sources list, without this pair among them. */
function removedFlows(
  { topology, model, at }: DriftContext,
  contractPaths: ReadonlyMap<string, string | undefined>,
): Finding[] {
  const inferred = new Map(topology.contracts.map((c) => [c.path, c]));
  const inferredFlows = new Set(topology.flows.map((f) => flowKey(f.from, f.to, f.contract?.path)));
  const findings: Finding[] = [];
  for (const flow of model.flows) {
    const path = flow.contract && contractPaths.get(flow.contract.ref);
    const contract = path === undefined ? undefined : inferred.get(path);
    if (!contract?.consumersKnown || inferredFlows.has(flowKey(flow.from, flow.to, path))) continue;
    findings.push(
      drift(
        'drift/removed-flow',
        `Flow ${quoted(flow.id)} (${idText(flow.from)} → ${idText(flow.to)}) uses contract ${quoted(contract.id)}, but the sources no longer say ${idText(flow.from)} and ${idText(flow.to)} exchange it.`,
        at(flow.loc),
      ),
    );
  }
  return findings;
}

/** What a registered contract's entry says otherwise than its sources: consumers, owner, provider. */
function contractDrift(contract: InferredContract, entry: ContractEntry, at: Placer): Finding[] {
  const findings: Finding[] = [];
  for (const [consumer, evidence] of contract.consumers) {
    if (entry.consumers.includes(consumer)) continue;
    findings.push(
      drift(
        'drift/new-consumer',
        `${idText(consumer)} consumes contract ${quoted(entry.id)} according to the sources, but is not among its consumers in the blueprint: add it (its owners approve breaking changes).`,
        evidence,
      ),
    );
  }
  if (contract.consumersKnown) {
    entry.consumers.forEach((consumer, i) => {
      if (contract.consumers.has(consumer)) return;
      findings.push(
        drift(
          'drift/removed-consumer',
          `${idText(consumer)} is listed as a consumer of contract ${quoted(entry.id)}, but the sources no longer say it consumes it.`,
          at(entry.loc, 'consumers', i),
        ),
      );
    });
  }
  findings.push(
    ...changed(
      'drift/owner-changed',
      `Contract ${quoted(entry.id)} is owned by`,
      'owner',
      contract,
      entry,
      at,
    ),
    ...changed(
      'drift/provider-changed',
      `Contract ${quoted(entry.id)} is provided by`,
      'provider',
      contract,
      entry,
      at,
    ),
  );
  return findings;
}

/**
 * A field the sources set to something else than the blueprint (an owner, a provider), reported on
 * the blueprint's line (its element's id when the field is missing there). Silent when the sources
 * do not say.
 */
function changed<F extends 'owner' | 'provider'>(
  ruleId: InitRuleId,
  subject: string,
  field: F,
  inferred: { [K in F]?: string } & { evidence: Evidence },
  known: { [K in F]?: string } & { loc: Loc },
  at: Placer,
): Finding[] {
  const said: string | undefined = inferred[field];
  const written: string | undefined = known[field];
  if (said === undefined || said === written) return [];
  return [
    initFinding(
      ruleId,
      'error',
      `${subject} ${idText(said)} according to the sources (${where(inferred.evidence)}), not ${written === undefined ? 'nobody' : idText(written)}.`,
      at(known.loc, written === undefined ? 'id' : field),
    ),
  ];
}

function where(evidence: Evidence): string {
  return `${token(evidence.file)}:${evidence.range.start.line}`;
}
