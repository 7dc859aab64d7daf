/**
 * Who must approve is also read at the base branch's **tip**, not only at the merge base. What a pull
 * request changes is measured from the merge base (as GitHub's "Files changed" shows it), and so were
 * the owners, consumers and contract status that decide its approvers — but the merge base is the
 * head's choice: a branch started from an old commit of `main` carried the ownership of that commit. A
 * contract moved since from `acme/mallory-team` to `acme/payments`, or finalized since, was judged as
 * it once was: mallory's team approved a change to what payments now owns, or a breaking change to a
 * finalized contract needed no change control. So every owner the tip names for a changed element is
 * asked too (those of the merge base stay: the stricter of the two), and a contract finalized at
 * either is finalized. Elements the tip does not hold (added by the pull request, removed on the base
 * since) keep what the merge base says.
 */
import type { BlueprintModel } from '../model/types.js';
import { consumerOwners, contractOwner, systemOwner } from '../review/owners.js';
import type { ChangedFile } from './changes.js';
import { systemsOf } from './changes.js';
import { changeRecordOf } from './contract-changes.js';
import type { Change, OwnerRef } from './types.js';

export function withCurrentOwners(
  changes: readonly Change[],
  tip: readonly BlueprintModel[],
  head: readonly BlueprintModel[],
  changedFiles: ReadonlyMap<string, ChangedFile>,
): Change[] {
  return changes.map((change) => {
    const root = change.subject.blueprint;
    const model = root === undefined ? undefined : tip.find((m) => m.root === root);
    if (!model) return change;
    const { kind, id } = change.subject;
    switch (kind) {
      case 'contract': {
        const entry = model.index.contracts.get(id);
        if (!entry) return change;
        const finalized = entry.status === 'finalized' && change.contractStatus !== 'finalized';
        const after = head.find((m) => m.root === root)?.index.contracts.get(id);
        return {
          ...change,
          owners: {
            ...change.owners,
            contract: joined(change.owners.contract, [contractOwner(model, id)]),
            consumers: joined(change.owners.consumers, consumerOwners(model, id)),
            systems: joined(
              change.owners.systems,
              entry.provider ? [systemOwner(model, entry.provider)] : [],
            ),
          },
          ...(finalized ? { contractStatus: 'finalized' as const } : {}),
          ...(finalized && change.breaking ? { changeRecord: changeRecordOf(after, changedFiles) } : {}),
        };
      }
      case 'system':
      case 'component':
      case 'requirement':
      case 'flow': {
        const held =
          kind === 'system'
            ? model.systems.some((s) => s.id === id)
            : kind === 'component'
              ? model.components.some((c) => c.id === id)
              : kind === 'requirement'
                ? model.requirements.some((r) => r.id === id)
                : model.flows.some((f) => f.id === id);
        if (!held) return change;
        const systems = joined(change.owners.systems, systemsOf(model, kind, id, undefined));
        return { ...change, owners: { ...change.owners, systems } };
      }
      case 'blueprint': {
        const current: OwnerRef = { role: `blueprint ${model.name}`, owner: model.owner };
        return { ...change, owners: { ...change.owners, systems: joined(change.owners.systems, [current]) } };
      }
      default:
        return change;
    }
  });
}

/**
 * The merge base's owners, and each owner the tip names that they do not: said to be the current one
 * (an owner the tip does not name, `undefined`, adds nobody — the merge base's word stands for it).
 */
function joined(known: readonly OwnerRef[] | undefined, current: readonly OwnerRef[]): OwnerRef[] {
  const out = [...(known ?? [])];
  const named = (owner: string) => out.some((r) => r.owner?.toLowerCase() === owner.toLowerCase());
  for (const ref of current)
    if (ref.owner !== undefined && !named(ref.owner))
      out.push({ role: `${ref.role}, as the base branch names it now`, owner: ref.owner });
  return out;
}
