/**
 * Consumers a pull request takes off a contract under change control. A finalized (or deprecated)
 * contract changes only with its consumers' approval — the consumers the base names. So a pull request
 * that only drops a consumer (off the contract's `consumers`, its flow removed or pointed at another
 * contract, the provider swapped to its end) would let the next one break the contract without it: the
 * consumer dropped approves its own release. Its approval alone: a release changes no byte of the
 * contract, so it needs no change record, and the consumers that stay are not asked.
 */
import { idText } from '../core/inert-text.js';
import type { BlueprintModel, ContractEntry } from '../model/types.js';
import { consumersOf, contractOwner, systemOwner } from '../review/owners.js';
import { isControlled, stricterStatus } from '../model/contract-status.js';
import { withOwnersNow } from './owners-now.js';
import type { Change, OwnerRef } from './types.js';

/**
 * One change per contract under change control at `base` (or at the base branch's `tip`, which may have
 * finalized it since: current-owners.ts) that the head still holds with fewer consumers.
 */
export function releasedConsumers(
  blueprint: string,
  base: BlueprintModel | undefined,
  head: BlueprintModel | undefined,
  tip?: BlueprintModel,
): Change[] {
  if (!base || !head) return [];
  const out: Change[] = [];
  for (const before of base.contracts) {
    const after = head.index.contracts.get(before.id);
    const status = stricterStatus(before.status, tip?.index.contracts.get(before.id)?.status);
    // A contract removed is a breaking change every consumer approves already (contract-changes.ts).
    if (!after || !isControlled(status) || base.index.contracts.get(before.id) !== before) continue;
    const staying = new Set(consumersOf(after, head));
    const released = consumersOf(before, base).filter((system) => !staying.has(system));
    if (released.length > 0)
      out.push(releaseChange(blueprint, { base, tip }, { ...before, status }, after, released));
  }
  return out;
}

/** The merge base, and the base branch's tip when it moved on (its owners are asked too). */
interface Bases {
  base: BlueprintModel;
  tip: BlueprintModel | undefined;
}

function releaseChange(
  blueprint: string,
  { base, tip }: Bases,
  before: ContractEntry,
  after: ContractEntry,
  released: readonly string[],
): Change {
  const { id } = before;
  const names = released.map(idText).join(', ');
  return {
    key: `contract-consumers:${blueprint}#${id}`,
    subject: { kind: 'contract-consumers', id, blueprint },
    categories: ['contract'],
    breaking: false,
    summary: `contract ${idText(id)} (${idText(before.status!)}) is no longer consumed by ${names}`,
    details: [],
    paths: [...new Set([before.loc.file, after.loc.file])].sort(),
    contractStatus: before.status,
    owners: {
      contract: withOwnersNow([contractOwner(base, id)], tip && [contractOwner(tip, id)]),
      consumers: withOwnersNow(releasedOwners(base, id, released), tip && releasedOwners(tip, id, released)),
    },
  };
}

/** The owner of each released consumer, as `model` names it. */
function releasedOwners(model: BlueprintModel, id: string, released: readonly string[]): OwnerRef[] {
  return released.map((system) => ({
    role: `consumer ${idText(system)} of ${idText(id)}, released by this PR`,
    owner: systemOwner(model, system).owner,
    subject: `system:${system}`,
  }));
}
