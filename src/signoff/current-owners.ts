/**
 * Who must approve is also read at the base branch's **tip**, not only at the merge base. What a pull
 * request changes is measured from the merge base (as GitHub's "Files changed" shows it), and so were
 * the owners, consumers and contract status that decide its approvers — but the merge base is the
 * head's choice: a branch started from an old commit of `main` carried the ownership of that commit. A
 * contract moved since from `acme/mallory-team` to `acme/payments`, or finalized since, was judged as
 * it once was: mallory's team approved a change to what payments now owns, or a breaking change to a
 * finalized contract needed no change control. So every owner the tip names for a changed element is
 * asked too (those of the merge base stay: the stricter of the two), and a contract's status is the
 * stricter of the two (finalized at either is finalized). Elements the tip does not hold (added by the pull request, removed on the base
 * since) keep what the merge base says.
 */
import type { BlueprintModel } from '../model/types.js';
import { consumerOwners, contractOwner, systemOwner } from '../review/owners.js';
import type { ChangedFile } from './changes.js';
import { blueprintOwner, systemsOf } from './changes.js';
import { changeRecordOf } from './contract-changes.js';
import { isControlled, stricterStatus } from '../model/contract-status.js';
import { releasedConsumers } from './released-consumers.js';
import { withOwnersNow } from './owners-now.js';
import type { Change, OwnerRef } from './types.js';

export function withCurrentOwners(
  changes: readonly Change[],
  tip: readonly BlueprintModel[],
  head: readonly BlueprintModel[],
  changedFiles: ReadonlyMap<string, ChangedFile>,
  mergeBase: readonly BlueprintModel[],
): Change[] {
  // Releases read at the tip as well: its status (a consumer released from a contract the tip finalized
  // since the merge base approves too) and its owners (the released consumer's owner now).
  const releases = new Map<string, Change>();
  for (const model of tip) {
    const at = (models: readonly BlueprintModel[]) => models.find((m) => m.root === model.root);
    for (const release of releasedConsumers(model.root, at(mergeBase), at(head), model))
      releases.set(release.key, release);
  }
  const out = changes.map((change) => {
    const release = releases.get(change.key);
    if (release) return release;
    const root = change.subject.blueprint;
    const model = root === undefined ? undefined : tip.find((m) => m.root === root);
    return model ? atTip(change, model, head, changedFiles) : change;
  });
  const known = new Set(out.map((change) => change.key));
  for (const release of releases.values()) if (!known.has(release.key)) out.push(release);
  return out;
}

/** The change with what the tip's blueprint it belongs to (`model`) says of its subject. */
function atTip(
  change: Change,
  model: BlueprintModel,
  head: readonly BlueprintModel[],
  changedFiles: ReadonlyMap<string, ChangedFile>,
): Change {
  const { kind, id } = change.subject;
  switch (kind) {
    case 'contract':
      return contractAtTip(
        change,
        model,
        head.find((m) => m.root === model.root),
        changedFiles,
      );
    case 'system':
    case 'component':
    case 'requirement':
    case 'flow':
      return tipHolds(model, kind, id) ? withSystems(change, systemsOf(model, kind, id, undefined)) : change;
    case 'error-handling-policy':
    case 'security-policy':
      return withSystems(change, systemsOf(model, kind, id, undefined));
    case 'blueprint':
    case 'adr':
    case 'file':
      return withSystems(change, [blueprintOwner(model, model.root)]);
    default:
      return change;
  }
}

/**
 * A contract's owners, consumers and provider at the tip too; its status the stricter of the two (a
 * contract the tip finalized, or deprecated, is under change control).
 */
function contractAtTip(
  change: Change,
  model: BlueprintModel,
  headModel: BlueprintModel | undefined,
  changedFiles: ReadonlyMap<string, ChangedFile>,
): Change {
  const { id } = change.subject;
  const entry = model.index.contracts.get(id);
  if (!entry) return change;
  const status = stricterStatus(change.contractStatus, entry.status);
  const stricter = status !== change.contractStatus;
  const after = headModel?.index.contracts.get(id);
  return {
    ...change,
    owners: {
      ...change.owners,
      contract: withOwnersNow(change.owners.contract, [contractOwner(model, id)]),
      consumers: withOwnersNow(change.owners.consumers, consumerOwners(model, id)),
      systems: withOwnersNow(
        change.owners.systems,
        entry.provider ? [systemOwner(model, entry.provider)] : [],
      ),
    },
    ...(stricter ? { contractStatus: status } : {}),
    ...(stricter && change.breaking && isControlled(status)
      ? { changeRecord: changeRecordOf(after, entry, changedFiles) }
      : {}),
  };
}

/**
 * Whether the tip holds the element: one it does not (added by the pull request, or removed on the base
 * since) keeps what the merge base says.
 */
function tipHolds(
  model: BlueprintModel,
  kind: 'system' | 'component' | 'requirement' | 'flow',
  id: string,
): boolean {
  const elements = {
    system: model.systems,
    component: model.components,
    requirement: model.requirements,
    flow: model.flows,
  }[kind];
  return elements.some((element) => element.id === id);
}

/** The change with the system owners the tip names (`current`) asked too. */
function withSystems(change: Change, current: readonly OwnerRef[]): Change {
  return { ...change, owners: { ...change.owners, systems: withOwnersNow(change.owners.systems, current) } };
}
