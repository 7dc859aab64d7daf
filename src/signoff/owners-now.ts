/**
 * The owners the merge base names, joined by those the base branch's tip names now. The merge base is
 * the head's choice (current-owners.ts), so an owner the tip names is asked too; the merge base's
 * stay, the stricter of the two.
 */
import type { OwnerRef } from './types.js';

/**
 * The merge base's owners, and each owner the tip names that they do not: said to be the current one
 * (an owner the tip does not name, `undefined`, adds nobody — the merge base's word stands for it).
 */
export function withOwnersNow(
  known: readonly OwnerRef[] | undefined,
  current: readonly OwnerRef[],
): OwnerRef[] {
  const out = [...(known ?? [])];
  const named = (owner: string) => out.some((r) => r.owner?.toLowerCase() === owner.toLowerCase());
  for (const ref of current)
    if (ref.owner !== undefined && !named(ref.owner))
      out.push({ role: `${ref.role}, as the base branch names it now`, owner: ref.owner, current: true });
  return out;
}
