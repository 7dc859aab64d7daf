/**
 * The owners the merge base names, joined by those the base branch's tip names now. The merge base is
 * the head's choice (current-owners.ts), so an owner the tip names is asked too; the merge base's
 * stay, the stricter of the two.
 */
import type { OwnerRef } from './types.js';
import { normalizeLogin } from './types.js';

/**
 * The merge base's owners, and each owner the tip names that they do not: said to be the current one
 * (an owner the tip does not name, `undefined`, adds nobody — the merge base's word stands for it).
 * A merge base's owner the tip no longer names, where the tip names others, says whom the tip names.
 */
export function withOwnersNow(
  known: readonly OwnerRef[] | undefined,
  current: readonly OwnerRef[],
): OwnerRef[] {
  const added = ownersNotIn(current, known ?? []);
  const tipNames = added.map((ref) => ref.owner!);
  const out = (known ?? []).map((ref) =>
    tipNames.length > 0 && ownersNotIn([ref], current).length > 0
      ? { ...ref, namedBy: { kind: 'merge-base' as const, tipNames } }
      : ref,
  );
  for (const ref of added)
    out.push({
      role: `${ref.role}, as the base branch names it now`,
      owner: ref.owner,
      namedBy: { kind: 'tip' },
    });
  return out;
}

/**
 * The refs of `refs` naming an owner `others` do not name, each owner once, keyed as the gate compares
 * them (`@acme/orders` and `acme/Orders` are one team).
 */
function ownersNotIn(refs: readonly OwnerRef[], others: readonly OwnerRef[]): OwnerRef[] {
  const seen = new Set(others.flatMap((ref) => (ref.owner === undefined ? [] : [normalizeLogin(ref.owner)])));
  return refs.filter((ref) => {
    if (ref.owner === undefined || seen.has(normalizeLogin(ref.owner))) return false;
    seen.add(normalizeLogin(ref.owner));
    return true;
  });
}
