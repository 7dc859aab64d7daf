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

export function driftFindings(topology: InferredTopology, model: BlueprintModel): Finding[] {
  const at = (loc: Loc, ...path: (string | number)[]): Evidence => {
    const pointer = [loc.pointer, ...path.map(String)].join('/');
    const doc = model.documents.get(loc.file);
    return {
      file: loc.file,
      pointer,
      range: doc?.rangeOf(pointer) ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
  };
  const drift = (ruleId: InitRuleId, message: string, where: Evidence) =>
    initFinding(ruleId, 'error', message, where);
  const findings: Finding[] = [];
  const blueprintFile = `${model.root ? model.root + '/' : ''}blueprint.yaml`;

  const systems = new Map(model.systems.map((s) => [s.id, s]));
  for (const system of topology.systems) {
    const known = systems.get(system.id);
    if (!known) {
      findings.push(
        drift(
          'drift/new-system',
          `System "${system.id}" is in the sources but not in ${blueprintFile}: add it to systems.`,
          system.evidence,
        ),
      );
    } else {
      findings.push(
        ...changed('drift/owner-changed', `System "${system.id}" is owned by`, 'owner', system, known, at),
      );
    }
  }

  const registered = new Map<string, ContractEntry>();
  for (const c of model.contracts)
    if (c.path !== undefined && !registered.has(c.path)) registered.set(c.path, c);
  const inferred = new Map(topology.contracts.map((c) => [c.path, c]));
  for (const contract of topology.contracts) {
    const entry = registered.get(contract.path);
    if (!entry) {
      findings.push(
        drift(
          'drift/new-contract',
          `The sources define contract "${contract.id}" (${contract.path}), which ${blueprintFile} does not register: add it to contracts.`,
          contract.evidence,
        ),
      );
      continue;
    }
    findings.push(...contractDrift(contract, entry, at, drift));
  }
  for (const entry of model.contracts) {
    if (entry.path === undefined || inferred.has(entry.path)) continue;
    const users = model.flows.filter((f) => f.contract?.ref === entry.id).length;
    findings.push(
      drift(
        'drift/removed-contract',
        `Contract "${entry.id}" (${entry.path}) is no longer among the contracts or catalog APIs${users > 0 ? `; ${users} flow${users === 1 ? '' : 's'} still use${users === 1 ? 's' : ''} it` : ''}. Remove it, or restore it in the sources.`,
        at(entry.loc),
      ),
    );
  }

  const contractPaths = new Map(model.contracts.map((c) => [c.id, c.path]));
  const flowKey = (from: string, to: string, path: string | undefined) => `${from}\0${to}\0${path ?? ''}`;
  const flows = new Set(
    model.flows.map((f) => flowKey(f.from, f.to, f.contract && contractPaths.get(f.contract.ref))),
  );
  const pairs = new Set(model.flows.map((f) => `${f.from}\0${f.to}`));
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
  const inferredFlows = new Set(topology.flows.map((f) => flowKey(f.from, f.to, f.contract?.path)));
  for (const flow of model.flows) {
    const path = flow.contract && contractPaths.get(flow.contract.ref);
    const contract = path === undefined ? undefined : inferred.get(path);
    if (!contract?.consumersKnown || inferredFlows.has(flowKey(flow.from, flow.to, path))) continue;
    findings.push(
      drift(
        'drift/removed-flow',
        `Flow "${flow.id}" (${flow.from} → ${flow.to}) uses contract "${contract.id}", but the sources no longer say ${flow.from} and ${flow.to} exchange it.`,
        at(flow.loc),
      ),
    );
  }
  return findings;
}

function contractDrift(
  contract: InferredContract,
  entry: ContractEntry,
  at: (loc: Loc, ...path: (string | number)[]) => Evidence,
  drift: (ruleId: InitRuleId, message: string, where: Evidence) => Finding,
): Finding[] {
  const findings: Finding[] = [];
  for (const [consumer, evidence] of contract.consumers) {
    if (entry.consumers.includes(consumer)) continue;
    findings.push(
      drift(
        'drift/new-consumer',
        `${consumer} consumes contract "${entry.id}" according to the sources, but is not among its consumers in the blueprint: add it (its owners approve breaking changes).`,
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
          `${consumer} is listed as a consumer of contract "${entry.id}", but the sources no longer say it consumes it.`,
          at(entry.loc, 'consumers', i),
        ),
      );
    });
  }
  findings.push(
    ...changed('drift/owner-changed', `Contract "${entry.id}" is owned by`, 'owner', contract, entry, at),
    ...changed(
      'drift/provider-changed',
      `Contract "${entry.id}" is provided by`,
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
  at: (loc: Loc, ...path: (string | number)[]) => Evidence,
): Finding[] {
  const said: string | undefined = inferred[field];
  const written: string | undefined = known[field];
  if (said === undefined || said === written) return [];
  return [
    initFinding(
      ruleId,
      'error',
      `${subject} ${said} according to the sources (${where(inferred.evidence)}), not ${written ?? 'nobody'}.`,
      at(known.loc, written === undefined ? 'id' : field),
    ),
  ];
}

function where(evidence: Evidence): string {
  return `${evidence.file}:${evidence.range.start.line}`;
}
